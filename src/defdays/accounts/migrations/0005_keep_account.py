from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_sealed_second_factor")]
    operations = [
        migrations.AddField(
            model_name="user", name="keep_account",
            field=models.BooleanField(default=False, verbose_name="keep my account after the edition"),
        ),
    ]
