"""Admin for users (staff set the tier here) and profiles."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

from accounts.models import Profile, User


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    extra = 0


class UserCreateForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "tier")


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    add_form = UserCreateForm
    form = UserEditForm
    ordering = ["email"]
    list_display = ["email", "tier", "is_staff", "is_active", "date_joined"]
    list_filter = ["tier", "is_staff", "is_superuser", "is_active"]
    list_editable = ["tier"]
    search_fields = ["email"]
    readonly_fields = ["date_joined", "last_login", "created_at", "updated_at"]
    inlines = [ProfileInline]
    fieldsets = (
        (None, {"fields": ("email", "password", "tier")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        ("Dates", {"fields": ("last_login", "date_joined", "created_at", "updated_at")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "tier", "usable_password", "password1", "password2"),
            },
        ),
    )


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = [
        "user",
        "unit_system",
        "experience_level",
        "training_days_per_week",
        "running_background",
        "timezone",
        "updated_at",
    ]
    list_filter = ["unit_system", "experience_level", "running_background", "sex"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]
