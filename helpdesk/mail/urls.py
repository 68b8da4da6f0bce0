from django.urls import path

from helpdesk.mail.views import account

urlpatterns = [
    path("accounts/notifications/", account.notification_preferences, name="mail_preferences"),
    path("mail/unsubscribe/<str:token>/", account.unsubscribe, name="mail_unsubscribe"),
]
