"""PDFs of plans and weekly issues, generated from the pages with WeasyPrint and cached in media."""
