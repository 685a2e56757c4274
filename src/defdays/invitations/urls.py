app_name = "invitations"

urlpatterns = []
