app_name = "registration"

urlpatterns = []
