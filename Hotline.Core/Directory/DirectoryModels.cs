namespace Hotline.Core.Directory;

public enum DepartmentKind
{
    Functional,
    Territorial,
}

public enum AreaLevel
{
    District,
    Street,
    Community,
}

public sealed record Department
{
    public long Id { get; init; }
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public DepartmentKind Kind { get; init; }
    public long? ParentId { get; init; }
    public long? AreaId { get; init; }
    public bool IsActive { get; init; }
}

public sealed record Area
{
    public long Id { get; init; }
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public AreaLevel Level { get; init; }
    public long? ParentId { get; init; }
    public bool IsActive { get; init; }
}

public sealed record Category
{
    public long Id { get; init; }
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public long? ParentId { get; init; }
    public int SortOrder { get; init; }
    public bool IsActive { get; init; }
}

public sealed record UserView
{
    public long Id { get; init; }
    public string UserName { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public Role Role { get; init; }
    public long? DepartmentId { get; init; }

    /// <summary>The seat's phone extension (分机号), for agents and dispatchers: the screen pop finds them by it.</summary>
    public string? Extension { get; init; }
    public bool IsActive { get; init; }
    public bool LockedOut { get; init; }
}

public sealed record SaveDepartment(string? Code, string? Name, DepartmentKind? Kind, long? ParentId, long? AreaId);

public sealed record SaveArea(string? Code, string? Name, AreaLevel? Level, long? ParentId);

public sealed record SaveCategory(string? Code, string? Name, long? ParentId, int SortOrder);

public sealed record CreateUser(string? UserName, string? DisplayName, Role? Role, long? DepartmentId, string? Password, string? Extension = null);

/// <summary>The whole user but the name; a null password keeps the old one, a null or empty extension clears it.</summary>
public sealed record UpdateUser(string? DisplayName, Role? Role, long? DepartmentId, string? Password, string? Extension = null);
