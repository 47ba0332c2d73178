"""The back office's site: Vietnamese titles and a home page per role (queues for officers, the team's load for
heads, figures only for viewers), above the usual list of what the user may open."""

from django.contrib import admin

from citizen_portal import workspace


class PortalAdminSite(admin.AdminSite):
    site_header = "Cổng Công dân — Quản trị"
    site_title = "Cổng Công dân"
    index_title = "Việc hôm nay"
    enable_nav_sidebar = False  # a second copy of every model link on each page: weight, not help

    def index(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "workspace_sections": workspace.sections_for(request.user),
            "workspace_roles": workspace.user_roles(request.user),
        }
        return super().index(request, extra_context)
