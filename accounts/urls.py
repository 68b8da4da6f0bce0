from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views
from accounts.decorators import before_code, before_enrolment
from accounts.views import login_code, security

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("login/code/", login_code.login_code, name="login_code"),
    path("logout/", before_code(auth_views.LogoutView.as_view()), name="logout"),
    path("password/", before_enrolment(views.PasswordChangeView.as_view()), name="password_change"),
    path(
        "password/done/",
        before_enrolment(auth_views.PasswordChangeDoneView.as_view()),
        name="password_change_done",
    ),
    path("security/", security.account_security, name="account_security"),
    path("security/authenticator/", security.authenticator_enrol, name="authenticator_enrol"),
    path(
        "security/authenticator/remove/",
        security.authenticator_remove,
        name="authenticator_remove",
    ),
    path("security/recovery-codes/", security.recovery_codes, name="recovery_codes"),
    path("security/tokens/", security.api_token_create, name="api_token_create"),
    path(
        "security/tokens/<int:token_id>/revoke/",
        security.api_token_revoke,
        name="api_token_revoke",
    ),
    path("su/end/", views.su_end, name="su_end"),
]
