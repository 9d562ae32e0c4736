namespace Hotline.Core.Directory;

internal static class DirectorySql
{
    public const string SelectDepartments = "SELECT Id, Code, Name, Kind, ParentId, AreaId, IsActive FROM Department ORDER BY Code";

    public const string SelectAreas = "SELECT Id, Code, Name, Level, ParentId, IsActive FROM Area ORDER BY Code";

    public const string SelectCategories = "SELECT Id, Code, Name, ParentId, SortOrder, IsActive FROM Category ORDER BY SortOrder, Code";

    public const string InsertDepartment = """
        INSERT INTO Department (Id, Code, Name, Kind, ParentId, AreaId, IsActive, CreatedUtc, UpdatedUtc)
        VALUES (@Id, @Code, @Name, @Kind, @ParentId, @AreaId, 1, @NowUtc, @NowUtc)
        """;

    public const string UpdateDepartment = """
        UPDATE Department SET Code = @Code, Name = @Name, Kind = @Kind, ParentId = @ParentId, AreaId = @AreaId, UpdatedUtc = @NowUtc
        WHERE Id = @Id
        """;

    public const string InsertArea = """
        INSERT INTO Area (Id, Code, Name, Level, ParentId, IsActive, CreatedUtc, UpdatedUtc)
        VALUES (@Id, @Code, @Name, @Level, @ParentId, 1, @NowUtc, @NowUtc)
        """;

    public const string UpdateArea = "UPDATE Area SET Code = @Code, Name = @Name, Level = @Level, ParentId = @ParentId, UpdatedUtc = @NowUtc WHERE Id = @Id";

    public const string InsertCategory = """
        INSERT INTO Category (Id, Code, Name, ParentId, SortOrder, IsActive, CreatedUtc, UpdatedUtc)
        VALUES (@Id, @Code, @Name, @ParentId, @SortOrder, 1, @NowUtc, @NowUtc)
        """;

    public const string UpdateCategory = "UPDATE Category SET Code = @Code, Name = @Name, ParentId = @ParentId, SortOrder = @SortOrder, UpdatedUtc = @NowUtc WHERE Id = @Id";

    public const string SetDepartmentActive = "UPDATE Department SET IsActive = @IsActive, UpdatedUtc = @NowUtc WHERE Id = @Id";

    public const string SetAreaActive = "UPDATE Area SET IsActive = @IsActive, UpdatedUtc = @NowUtc WHERE Id = @Id";

    public const string SetCategoryActive = "UPDATE Category SET IsActive = @IsActive, UpdatedUtc = @NowUtc WHERE Id = @Id";

    // Id 1 is the system account the migrations create (it raises escalations): never listed, changed or enabled.
    public const string SetUserActive = "UPDATE AppUser SET IsActive = @IsActive, UpdatedUtc = @NowUtc WHERE Id = @Id AND Id <> 1";

    public const string CountDepartmentCode = "SELECT COUNT(*) FROM Department WHERE Code = @Code AND Id <> @Id";

    public const string CountAreaCode = "SELECT COUNT(*) FROM Area WHERE Code = @Code AND Id <> @Id";

    public const string CountCategoryCode = "SELECT COUNT(*) FROM Category WHERE Code = @Code AND Id <> @Id";

    public const string CountDepartment = "SELECT COUNT(*) FROM Department WHERE Id = @Id";

    public const string CountArea = "SELECT COUNT(*) FROM Area WHERE Id = @Id";

    public const string CountCategory = "SELECT COUNT(*) FROM Category WHERE Id = @Id";

    public const string SelectUsers = """
        SELECT Id, UserName, DisplayName, Role, DepartmentId, Extension, IsActive,
            CASE WHEN LockoutEndUtc IS NOT NULL AND LockoutEndUtc > @NowUtc THEN 1 ELSE 0 END AS LockedOut
        FROM AppUser WHERE Id <> 1 ORDER BY UserName
        """;

    public const string SelectUserForLogin = """
        SELECT u.Id, u.UserName, u.DisplayName, u.PasswordHash, u.Role, u.DepartmentId, d.Name AS DepartmentName, u.IsActive,
            u.FailedLoginCount, u.LockoutEndUtc
        FROM AppUser u
        LEFT JOIN Department d ON d.Id = u.DepartmentId
        WHERE u.UserName = @UserName
        """;

    public const string SelectMe = """
        SELECT u.Id, u.UserName, u.DisplayName, u.Role, u.DepartmentId, d.Name AS DepartmentName
        FROM AppUser u
        LEFT JOIN Department d ON d.Id = u.DepartmentId
        WHERE u.Id = @Id AND u.IsActive = 1
        """;

    public const string CountUserName = "SELECT COUNT(*) FROM AppUser WHERE UserName = @UserName";

    public const string SelectExtensionHolder = "SELECT UserName FROM AppUser WHERE Extension = @Extension AND Id <> @Id";

    public const string CountUser = "SELECT COUNT(*) FROM AppUser WHERE Id = @Id AND Id <> 1";

    public const string InsertUser = """
        INSERT INTO AppUser (Id, UserName, DisplayName, PasswordHash, Role, DepartmentId, Extension, IsActive, FailedLoginCount, CreatedUtc, UpdatedUtc)
        VALUES (@Id, @UserName, @DisplayName, @PasswordHash, @Role, @DepartmentId, @Extension, 1, 0, @NowUtc, @NowUtc)
        """;

    public const string UpdateUser = """
        UPDATE AppUser SET DisplayName = @DisplayName, Role = @Role, DepartmentId = @DepartmentId, Extension = @Extension, UpdatedUtc = @NowUtc
        WHERE Id = @Id
        """;

    public const string UpdatePassword = "UPDATE AppUser SET PasswordHash = @PasswordHash, FailedLoginCount = 0, LockoutEndUtc = NULL, UpdatedUtc = @NowUtc WHERE Id = @Id";

    public const string RecordLoginFailure = """
        UPDATE AppUser SET FailedLoginCount = @FailedLoginCount, LockoutEndUtc = @LockoutEndUtc, UpdatedUtc = @NowUtc WHERE Id = @Id
        """;

    public const string RecordLoginSuccess = "UPDATE AppUser SET FailedLoginCount = 0, LockoutEndUtc = NULL WHERE Id = @Id AND (FailedLoginCount <> 0 OR LockoutEndUtc IS NOT NULL)";
}
