using System.Data.Common;
using Dapper;
using Hotline.Core.Common;
using Hotline.Core.Data;
using Microsoft.AspNetCore.Identity;

namespace Hotline.Core.Directory;

/// <summary>Departments, areas, categories and users: read by everyone signed in, changed by administrators.</summary>
public sealed class DirectoryService(Database db, IdGenerator ids, TimeProvider time, IPasswordHasher<UserView> hasher)
{
    public const int MaxExtensionLength = 16;

    public const int MinPasswordLength = 8;

    public Task<List<Department>> DepartmentsAsync(CancellationToken ct) => ListAsync<Department>(DirectorySql.SelectDepartments, ct);

    public Task<List<Area>> AreasAsync(CancellationToken ct) => ListAsync<Area>(DirectorySql.SelectAreas, ct);

    public Task<List<Category>> CategoriesAsync(CancellationToken ct) => ListAsync<Category>(DirectorySql.SelectCategories, ct);

    public async Task<List<UserView>> UsersAsync(CancellationToken ct) =>
        await db.ReadAsync(async (c, token) => (await c.QueryAsync<UserView>(new CommandDefinition(DirectorySql.SelectUsers,
            new { NowUtc = time.GetUtcNow().UtcDateTime }, cancellationToken: token))).ToList(), ct);

    public async Task<Department> SaveDepartmentAsync(long? id, SaveDepartment r, CancellationToken ct)
    {
        new Validator().Required("code", r.Code, 32).Required("name", r.Name, 100).Required("kind", r.Kind).ThrowIfInvalid();
        var newId = await SaveAsync(id, DirectorySql.CountDepartment, DirectorySql.CountDepartmentCode, r.Code!, async (c, tx, key, token) =>
        {
            await RequireParentAsync(c, tx, DirectorySql.CountDepartment, "parentId", r.ParentId, key, token);
            await RequireParentAsync(c, tx, DirectorySql.CountArea, "areaId", r.AreaId, null, token);
            return new { Id = key, Code = r.Code!.Trim(), Name = r.Name!.Trim(), Kind = r.Kind!.Value.ToString(), r.ParentId, r.AreaId };
        }, DirectorySql.InsertDepartment, DirectorySql.UpdateDepartment, ct);
        return (await DepartmentsAsync(ct)).Single(d => d.Id == newId);
    }

    public async Task<Area> SaveAreaAsync(long? id, SaveArea r, CancellationToken ct)
    {
        new Validator().Required("code", r.Code, 32).Required("name", r.Name, 100).Required("level", r.Level).ThrowIfInvalid();
        var newId = await SaveAsync(id, DirectorySql.CountArea, DirectorySql.CountAreaCode, r.Code!, async (c, tx, key, token) =>
        {
            await RequireParentAsync(c, tx, DirectorySql.CountArea, "parentId", r.ParentId, key, token);
            return new { Id = key, Code = r.Code!.Trim(), Name = r.Name!.Trim(), Level = r.Level!.Value.ToString(), r.ParentId };
        }, DirectorySql.InsertArea, DirectorySql.UpdateArea, ct);
        return (await AreasAsync(ct)).Single(a => a.Id == newId);
    }

    public async Task<Category> SaveCategoryAsync(long? id, SaveCategory r, CancellationToken ct)
    {
        new Validator().Required("code", r.Code, 32).Required("name", r.Name, 100).ThrowIfInvalid();
        var newId = await SaveAsync(id, DirectorySql.CountCategory, DirectorySql.CountCategoryCode, r.Code!, async (c, tx, key, token) =>
        {
            await RequireParentAsync(c, tx, DirectorySql.CountCategory, "parentId", r.ParentId, key, token);
            return new { Id = key, Code = r.Code!.Trim(), Name = r.Name!.Trim(), r.ParentId, r.SortOrder };
        }, DirectorySql.InsertCategory, DirectorySql.UpdateCategory, ct);
        return (await CategoriesAsync(ct)).Single(x => x.Id == newId);
    }

    public Task SetDepartmentActiveAsync(long id, bool active, CancellationToken ct) => SetActiveAsync(DirectorySql.SetDepartmentActive, id, active, ct);

    public Task SetAreaActiveAsync(long id, bool active, CancellationToken ct) => SetActiveAsync(DirectorySql.SetAreaActive, id, active, ct);

    public Task SetCategoryActiveAsync(long id, bool active, CancellationToken ct) => SetActiveAsync(DirectorySql.SetCategoryActive, id, active, ct);

    public Task SetUserActiveAsync(long id, bool active, CancellationToken ct) => SetActiveAsync(DirectorySql.SetUserActive, id, active, ct);

    public async Task<UserView> CreateUserAsync(CreateUser r, CancellationToken ct)
    {
        var v = new Validator().Required("userName", r.UserName, 64).Required("displayName", r.DisplayName, 100).Required("role", r.Role);
        ValidatePassword(v, r.Password, required: true);
        ValidateDepartment(v, r.Role, r.DepartmentId);
        var extension = ValidateExtension(v, r.Role, r.Extension);
        v.ThrowIfInvalid();
        var id = ids.NewId();
        await db.WriteAsync(async (c, tx, token) =>
        {
            if (await c.ExecuteScalarAsync<int>(new CommandDefinition(DirectorySql.CountUserName, new { UserName = r.UserName!.Trim() }, tx, cancellationToken: token)) > 0)
            {
                throw new ConflictException(ConflictCodes.Duplicate, $"User name {r.UserName} is taken.");
            }

            await RequireParentAsync(c, tx, DirectorySql.CountDepartment, "departmentId", r.DepartmentId, null, token);
            await RequireFreeExtensionAsync(c, tx, extension, id, token);
            await c.ExecuteAsync(new CommandDefinition(DirectorySql.InsertUser, new
            {
                Id = id,
                UserName = r.UserName.Trim(),
                DisplayName = r.DisplayName!.Trim(),
                PasswordHash = hasher.HashPassword(new UserView(), r.Password!),
                Role = r.Role!.Value.ToString(),
                r.DepartmentId,
                Extension = extension,
                NowUtc = time.GetUtcNow().UtcDateTime,
            }, tx, cancellationToken: token));
        }, ct);
        return (await UsersAsync(ct)).Single(u => u.Id == id);
    }

    public async Task<UserView> UpdateUserAsync(long id, UpdateUser r, CancellationToken ct)
    {
        var v = new Validator().Required("displayName", r.DisplayName, 100).Required("role", r.Role);
        ValidatePassword(v, r.Password, required: false);
        ValidateDepartment(v, r.Role, r.DepartmentId);
        var extension = ValidateExtension(v, r.Role, r.Extension);
        v.ThrowIfInvalid();
        await db.WriteAsync(async (c, tx, token) =>
        {
            await RequireExistingAsync(c, tx, DirectorySql.CountUser, id, token);
            await RequireParentAsync(c, tx, DirectorySql.CountDepartment, "departmentId", r.DepartmentId, null, token);
            await RequireFreeExtensionAsync(c, tx, extension, id, token);
            var now = time.GetUtcNow().UtcDateTime;
            await c.ExecuteAsync(new CommandDefinition(DirectorySql.UpdateUser,
                new { Id = id, DisplayName = r.DisplayName!.Trim(), Role = r.Role!.Value.ToString(), r.DepartmentId, Extension = extension, NowUtc = now },
                tx, cancellationToken: token));
            if (!string.IsNullOrEmpty(r.Password))
            {
                await c.ExecuteAsync(new CommandDefinition(DirectorySql.UpdatePassword,
                    new { Id = id, PasswordHash = hasher.HashPassword(new UserView(), r.Password), NowUtc = now }, tx, cancellationToken: token));
            }
        }, ct);
        return (await UsersAsync(ct)).Single(u => u.Id == id);
    }

    private static void ValidatePassword(Validator v, string? password, bool required)
    {
        if (string.IsNullOrEmpty(password))
        {
            if (required)
            {
                v.Add("password", "Required.");
            }
        }
        else if (password.Length < MinPasswordLength || password.Length > 128)
        {
            v.Add("password", $"Between {MinPasswordLength} and 128 characters.");
        }
    }

    private static void ValidateDepartment(Validator v, Role? role, long? departmentId)
    {
        if (role == Role.Liaison && departmentId is null)
        {
            v.Add("departmentId", "A liaison belongs to a department.");
        }
    }

    /// <summary>The extension to store (null: none): 2-16 digits, and only for the roles that take calls.</summary>
    private static string? ValidateExtension(Validator v, Role? role, string? extension)
    {
        var value = string.IsNullOrWhiteSpace(extension) ? null : extension.Trim();
        if (value is null)
        {
            return null;
        }

        if (value.Length is < 2 or > MaxExtensionLength || !value.All(char.IsAsciiDigit))
        {
            v.Add("extension", $"2 to {MaxExtensionLength} digits.");
        }
        else if (role is not (Role.Agent or Role.Dispatcher))
        {
            v.Add("extension", "Only agents and dispatchers take calls at a seat.");
        }

        return value;
    }

    private static async Task RequireFreeExtensionAsync(DbConnection c, DbTransaction tx, string? extension, long userId, CancellationToken ct)
    {
        if (extension is not null
            && await c.QuerySingleOrDefaultAsync<string>(new CommandDefinition(DirectorySql.SelectExtensionHolder, new { Extension = extension, Id = userId }, tx, cancellationToken: ct)) is { } holder)
        {
            throw new ConflictException(ConflictCodes.PhoneExtensionTaken, $"Extension {extension} is {holder}'s.");
        }
    }

    private async Task<List<T>> ListAsync<T>(string sql, CancellationToken ct) =>
        await db.ReadAsync(async (c, token) => (await c.QueryAsync<T>(new CommandDefinition(sql, cancellationToken: token))).ToList(), ct);

    /// <summary>Insert (id null) or update one entry; its code must be unique; <paramref name="row"/> checks references and builds the parameters.</summary>
    private async Task<long> SaveAsync(long? id, string countSql, string countCodeSql, string code,
        Func<DbConnection, DbTransaction, long, CancellationToken, Task<object>> row, string insertSql, string updateSql, CancellationToken ct)
    {
        var key = id ?? ids.NewId();
        await db.WriteAsync(async (c, tx, token) =>
        {
            if (id is not null)
            {
                await RequireExistingAsync(c, tx, countSql, key, token);
            }

            if (await c.ExecuteScalarAsync<int>(new CommandDefinition(countCodeSql, new { Code = code.Trim(), Id = key }, tx, cancellationToken: token)) > 0)
            {
                throw new ConflictException(ConflictCodes.Duplicate, $"Code {code} is taken.");
            }

            var args = new DynamicParameters(await row(c, tx, key, token));
            args.Add("NowUtc", time.GetUtcNow().UtcDateTime);
            await c.ExecuteAsync(new CommandDefinition(id is null ? insertSql : updateSql, args, tx, cancellationToken: token));
        }, ct);
        return key;
    }

    private static async Task RequireExistingAsync(DbConnection c, DbTransaction tx, string countSql, long id, CancellationToken ct)
    {
        if (await c.ExecuteScalarAsync<int>(new CommandDefinition(countSql, new { Id = id }, tx, cancellationToken: ct)) == 0)
        {
            throw new NotFoundException($"No entry {id}.");
        }
    }

    private static async Task RequireParentAsync(DbConnection c, DbTransaction tx, string countSql, string field, long? parentId, long? self, CancellationToken ct)
    {
        if (parentId is null)
        {
            return;
        }

        if (parentId == self)
        {
            throw ValidationException.For(field, "An entry cannot be its own parent.");
        }

        if (await c.ExecuteScalarAsync<int>(new CommandDefinition(countSql, new { Id = parentId }, tx, cancellationToken: ct)) == 0)
        {
            throw ValidationException.For(field, $"No entry {parentId}.");
        }
    }

    private async Task SetActiveAsync(string sql, long id, bool active, CancellationToken ct)
    {
        var rows = await db.WriteAsync((c, tx, token) => c.ExecuteAsync(new CommandDefinition(sql,
            new { Id = id, IsActive = active, NowUtc = time.GetUtcNow().UtcDateTime }, tx, cancellationToken: token)), ct);
        if (rows == 0)
        {
            throw new NotFoundException($"No entry {id}.");
        }
    }
}
