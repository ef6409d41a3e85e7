"""Lotse: the platform of the IQ Network Baden-Württemberg."""
