"""The ``Host`` check, ahead of every other middleware (authentication included)."""

from litestar.config.allowed_hosts import AllowedHostsConfig
from litestar.config.app import AppConfig
from litestar.middleware import DefineMiddleware
from litestar.middleware.allowed_hosts import AllowedHostsMiddleware
from litestar.types import OnAppInitHandler

__all__ = ("check_hosts_first",)


def check_hosts_first(allowed_hosts: list[str], *, exclude: list[str]) -> OnAppInitHandler:
    """An ``on_app_init`` hook that refuses (400) a request for any host not listed.

    Litestar's own ``allowed_hosts`` option runs inside the middleware of the route, after
    the JWT middleware: another host would get 401 from a protected route, and reach the
    authentication code at all. Listed last in ``on_app_init``, this one runs first. An empty
    list checks nothing (development and test only; the settings refuse it elsewhere).
    """
    config = AllowedHostsConfig(allowed_hosts=allowed_hosts, exclude=exclude)

    def add_host_check(app_config: AppConfig) -> AppConfig:
        if allowed_hosts:
            app_config.middleware.insert(0, DefineMiddleware(AllowedHostsMiddleware, config=config))
        return app_config

    return add_host_check
