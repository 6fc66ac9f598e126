"""The board report rendered: charts (matplotlib, Agg backend, drawn on the server), the
HTML page / file with the charts as inline SVG, and the PDF (matplotlib's PdfPages)."""
