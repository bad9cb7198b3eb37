"""Chart images for Teams cards, served by Quotabot itself under signed, expiring URLs.

An Adaptive Card shows an image by URL, and Teams on the desktop and the web does not
show data URIs (only the mobile apps do), so each chart is kept here and the card
points at `/charts/{id}?expires=...&sig=...` under QUOTABOT_PUBLIC_URL. The id is
random, the signature is an HMAC of id and expiry, so a URL can neither be guessed
nor made to last longer; a forged or expired one is refused with 403, one whose image
is gone with 404.

The images live in this process's memory, the most recent few hundred (least recently
used first out), for a day. A server restart, or a second replica behind a load
balancer, does not have them: the card then shows no image, and the figures in its text
stay right. With no public URL configured, charts go inline as data URIs, which only
the mobile apps show.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from aiohttp import web

logger = logging.getLogger(__name__)

CHARTS_PATH = "/charts/{image_id}"
LIFETIME = 24 * 3600.0  # seconds a chart's URL works: a day's conversation
KEPT = 300  # images kept in memory, about 20 MB of PNG


@dataclass
class ChartImages:
    """PNG bytes by random id, and the signed URLs under which Teams fetches them."""

    key: bytes = field(repr=False)
    public_url: str | None  # ends with "/"; None: data URIs instead
    lifetime: float = LIFETIME
    kept: int = KEPT
    clock: Callable[[], float] = time.time
    _images: OrderedDict[str, tuple[float, bytes]] = field(default_factory=OrderedDict)

    def url(self, png: bytes) -> str:
        """Keep `png` and return the URL under which Teams can fetch it."""
        if self.public_url is None:
            return "data:image/png;base64," + base64.b64encode(png).decode()
        image_id = secrets.token_urlsafe(16)
        expires = int(self.clock() + self.lifetime)
        self._images[image_id] = (expires, png)
        while len(self._images) > self.kept:
            self._images.popitem(last=False)
        signature = self.sign(image_id, expires)
        return f"{self.public_url}charts/{image_id}?expires={expires}&sig={signature}"

    def sign(self, image_id: str, expires: int) -> str:
        message = f"{image_id}.{expires}".encode()
        return hmac.new(self.key, message, hashlib.sha256).hexdigest()

    def image(self, image_id: str, expires: str, signature: str) -> bytes:
        """The PNG behind a URL; HTTPForbidden or HTTPNotFound when there is none to show."""
        if not expires.isdigit() or not hmac.compare_digest(
            self.sign(image_id, int(expires)), signature
        ):
            raise web.HTTPForbidden(text="not a chart URL of this server")
        if int(expires) <= self.clock():
            raise web.HTTPForbidden(text="this chart's URL has expired")
        kept = self._images.get(image_id)
        if kept is None:
            raise web.HTTPNotFound(text="this chart is no longer kept")
        self._images.move_to_end(image_id)
        return kept[1]

    async def handle(self, request: web.Request) -> web.Response:
        """GET /charts/{image_id}?expires=...&sig=..."""
        png = self.image(
            request.match_info["image_id"],
            request.query.get("expires", ""),
            request.query.get("sig", ""),
        )
        # Private: the URL is the secret, so no shared cache should keep a copy.
        return web.Response(
            body=png,
            content_type="image/png",
            headers={"Cache-Control": "private, max-age=3600"},
        )
