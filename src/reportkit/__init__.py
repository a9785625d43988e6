"""reportkit: reproducible evaluation reports for the sustainable poverty-reduction programme."""

__version__ = "0.1.0"
