"""The download of a page's PDF: ``/<lang>/pdf/<page id>/``."""

from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils import translation
from django.views.decorators.http import require_safe

from . import selectors, services
from .templatetags.pdf_tags import pdf_download_url


@require_safe
def pdf_download(request, page_id: int):
    """The PDF of a live plan or weekly issue (uploaded, cached, or made now); 404 for anything else.

    Served from the cache, or generated in the request when missing or stale, so it works without a worker.
    Touches no session: anonymous readers get no cookie.
    """
    page = selectors.downloadable_page(page_id)
    if page is None:
        raise Http404("No PDF for this address.")
    if translation.get_language() != page.locale.language_code:
        return redirect(pdf_download_url(page))
    download = services.pdf_download(page=page)
    response = FileResponse(
        download.file, as_attachment=True, filename=download.filename, content_type="application/pdf"
    )
    response["Content-Language"] = page.locale.language_code
    response["X-Robots-Tag"] = "noindex"
    return response
