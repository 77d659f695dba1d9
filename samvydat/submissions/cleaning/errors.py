"""What cleaning raises, and the budget one request's files share."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


class Refused(Exception):
    """A file we will not keep, with the reason in the reader's language."""

    def __init__(self, message, **params):
        self.message = message
        self.params = params
        super().__init__(str(message) % params if params else str(message))

    def __str__(self) -> str:
        return str(self.message) % self.params if self.params else str(self.message)


class OverBudget(Refused):
    """A file refused because it would cost more than the request may spend (pixels, unpacked bytes, memory)."""


@dataclass
class Budget:
    """What the files of one request may cost together, spent before anything is decoded.

    ``pixels``: pixels of every picture (uploaded images, pictures inside documents and PDFs), read from their
    headers; ``unpacked``: bytes that ZIP parts may unpack to. ``image_pixels`` caps a single picture.
    """

    pixels: int
    unpacked: int
    image_pixels: int

    def spend_pixels(self, width: int, height: int, *, name: str) -> None:
        count = width * height
        if count > self.image_pixels or max(width, height) > MAX_SIDE:
            raise OverBudget(
                _(
                    "“%(name)s” is too large an image (%(width)s × %(height)s). Please send at most %(megapixels)s "
                    "megapixels per picture."
                ),
                name=name,
                width=width,
                height=height,
                megapixels=self.image_pixels // 1_000_000,
            )
        if count > self.pixels:
            raise OverBudget(
                _(
                    "“%(name)s” has too many pixels for one message together with your other pictures. Please send it "
                    "smaller or in a second message."
                ),
                name=name,
            )
        self.pixels -= count

    def spend_unpacked(self, size: int) -> bool:
        """False when ``size`` more unpacked bytes would pass the budget (nothing is then spent)."""
        if size > self.unpacked:
            return False
        self.unpacked -= size
        return True


MAX_SIDE = 20_000


def default_budget() -> Budget:
    """The budget from the settings (for callers outside a request: tests, benchmarks)."""
    from django.conf import settings

    return Budget(
        pixels=settings.SUBMISSIONS_MAX_PIXELS_PER_MESSAGE,
        unpacked=settings.SUBMISSIONS_MAX_UNPACKED_BYTES,
        image_pixels=settings.SUBMISSIONS_MAX_IMAGE_PIXELS,
    )
