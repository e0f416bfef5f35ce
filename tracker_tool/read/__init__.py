"""Open a returned workbook safely and read its cells with their real positions."""
