"""PDF sheets and reports drawn with reportlab."""
