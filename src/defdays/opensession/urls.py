app_name = "opensession"

urlpatterns = []
