"""The API docs page: Swagger UI, its files served by the app itself, so it works offline."""

from litestar import Router
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.static_files import create_static_files_router
from swagger_ui_bundle import swagger_ui_path  # the swagger-ui-bundle-v2 package

__all__ = ("ASSETS_PATH", "SwaggerUI")

ASSETS_PATH = "/assets"
"""Where Swagger UI's files are served, under the docs path (``/schema/assets/...``)."""


class SwaggerUI(SwaggerRenderPlugin):
    """Swagger UI at the docs path, loading its JavaScript, CSS and icon from the app, no CDN."""

    def __init__(self, docs_path: str) -> None:
        assets = f"{docs_path}{ASSETS_PATH}"
        super().__init__(
            path="/",
            js_url=f"{assets}/swagger-ui-bundle.js",
            css_url=f"{assets}/swagger-ui.css",
            standalone_preset_js_url=f"{assets}/swagger-ui-standalone-preset.js",
            favicon=f'<link rel="icon" type="image/png" href="{assets}/favicon-32x32.png">',
        )

    def receive_router(self, router: Router) -> None:
        """Serve the files from the installed package, beside the docs page."""
        super().receive_router(router)
        router.register(
            create_static_files_router(
                ASSETS_PATH, directories=[swagger_ui_path], name="docs-assets"
            )
        )
