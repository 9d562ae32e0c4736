namespace Hotline.Core.Directory;

public enum Role
{
    Agent,
    Dispatcher,
    Liaison,
    Supervisor,
    WindowStaff,
    Admin,
}

/// <summary>Who is acting: taken from the signed-in user's claims, never from the request body.</summary>
public sealed record Actor(long UserId, string DisplayName, Role Role, long? DepartmentId)
{
    /// <summary>The hotline center's own staff, who may see a 举报 reporter's identity.</summary>
    public bool IsCenter => Role is Role.Agent or Role.Dispatcher;

    /// <summary>Roles that see callers' phone numbers in full.</summary>
    public bool SeesFullPhone => Role is Role.Agent or Role.Dispatcher or Role.Supervisor;
}
