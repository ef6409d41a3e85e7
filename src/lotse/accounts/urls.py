from django.urls import path

from lotse.accounts import views, views_tokens

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("login/verify/", views.verify, name="verify"),
    path("logout/", views.logout_view, name="logout"),
    path("account/two-factor/", views.two_factor_setup, name="two_factor_setup"),
    path("staff/", views.workspace, name="workspace"),
    path("account/api-tokens/", views_tokens.api_tokens, name="api_tokens"),
    path(
        "account/api-tokens/<int:pk>/revoke/",
        views_tokens.api_token_revoke_view,
        name="api_token_revoke",
    ),
]
