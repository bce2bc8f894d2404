"""penempatan: placement optimisation for the civil servants (ASN) of an Indonesian regional government."""

__version__ = "0.1.0"
