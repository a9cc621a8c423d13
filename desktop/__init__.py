"""CamKet: the offline register of border households, their pledges and movements."""

__version__ = "0.1.0"
