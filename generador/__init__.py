"""Generador de la Gestión del Rendimiento: valida, califica y publica los registros."""

__version__ = "0.1.0"
