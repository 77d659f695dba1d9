"""Link and video blocks hold web addresses only: Django's URL field alone also takes ftp:// and ftps://.

The attack: an editor's form (or any import that runs StreamField validation) stores ``ftp://attacker.example/``
as a "link" that readers — inside a censored country, through a mirror — are sent to.
"""

import pytest
from wagtail.blocks.struct_block import StructBlockValidationError

from samvydat.core.blocks import LinkBlock, VideoBlock


@pytest.mark.parametrize("address", ["ftp://attacker.example/file", "ftps://attacker.example/", "FTP://x.example/"])
def test_a_link_or_video_that_is_not_http_is_refused(address):
    with pytest.raises(StructBlockValidationError) as caught:
        LinkBlock().clean(LinkBlock().to_python({"label": "Our channel", "url": address}))
    assert "url" in caught.value.block_errors
    with pytest.raises(StructBlockValidationError) as caught:
        VideoBlock().clean(VideoBlock().to_python({"url": address, "title": "A video", "transcript": ""}))
    assert "url" in caught.value.block_errors


@pytest.mark.parametrize("address", ["https://t.me/channel", "http://example.org/a?b=c"])
def test_web_addresses_pass(address):
    value = LinkBlock().clean(LinkBlock().to_python({"label": "Our channel", "url": address}))
    assert value["url"] == address
