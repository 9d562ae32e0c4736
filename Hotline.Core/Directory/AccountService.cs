using Dapper;
using Hotline.Core.Data;
using Microsoft.AspNetCore.Identity;

namespace Hotline.Core.Directory;

public sealed record Me(long Id, string UserName, string DisplayName, Role Role, long? DepartmentId, string? DepartmentName);

public abstract record LoginResult
{
    public sealed record Success(Me User) : LoginResult;

    public sealed record Failed : LoginResult;

    public sealed record LockedOut(DateTime LockoutEndUtc) : LoginResult;
}

/// <summary>Sign-in with ASP.NET Core Identity's password hasher and a lockout after repeated failures.</summary>
public sealed class AccountService(Database db, TimeProvider time, IPasswordHasher<UserView> hasher)
{
    public const int MaxFailedLogins = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    // Verified when the user name is unknown too, so the answer takes as long either way.
    private static readonly string DummyHash = new PasswordHasher<UserView>().HashPassword(new UserView(), "not-a-password");

    public async Task<LoginResult> LoginAsync(string userName, string password, CancellationToken ct)
    {
        return await db.WriteAsync<LoginResult>(async (c, tx, token) =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            var user = await c.QuerySingleOrDefaultAsync<LoginRow>(new CommandDefinition(DirectorySql.SelectUserForLogin, new { UserName = userName.Trim() }, tx, cancellationToken: token));
            if (user is null || !user.IsActive)
            {
                hasher.VerifyHashedPassword(new UserView(), DummyHash, password);
                return new LoginResult.Failed();
            }

            if (user.LockoutEndUtc is { } end && end > now)
            {
                return new LoginResult.LockedOut(end);
            }

            var verdict = hasher.VerifyHashedPassword(new UserView(), user.PasswordHash, password);
            if (verdict == PasswordVerificationResult.Failed)
            {
                var failures = (user.LockoutEndUtc is null ? user.FailedLoginCount : 0) + 1;
                DateTime? lockoutEnd = failures >= MaxFailedLogins ? now + LockoutDuration : null;
                await c.ExecuteAsync(new CommandDefinition(DirectorySql.RecordLoginFailure,
                    new { user.Id, FailedLoginCount = lockoutEnd is null ? failures : 0, LockoutEndUtc = lockoutEnd, NowUtc = now }, tx, cancellationToken: token));
                return lockoutEnd is { } locked ? new LoginResult.LockedOut(locked) : new LoginResult.Failed();
            }

            if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
            {
                await c.ExecuteAsync(new CommandDefinition(DirectorySql.UpdatePassword,
                    new { user.Id, PasswordHash = hasher.HashPassword(new UserView(), password), NowUtc = now }, tx, cancellationToken: token));
            }

            await c.ExecuteAsync(new CommandDefinition(DirectorySql.RecordLoginSuccess, new { user.Id }, tx, cancellationToken: token));
            return new LoginResult.Success(new Me(user.Id, user.UserName, user.DisplayName, user.Role, user.DepartmentId, user.DepartmentName));
        }, ct);
    }

    public async Task<Me?> FindAsync(long id, CancellationToken ct) =>
        await db.ReadAsync(async (c, token) =>
        {
            var row = await c.QuerySingleOrDefaultAsync<LoginRow>(new CommandDefinition(DirectorySql.SelectMe, new { Id = id }, cancellationToken: token));
            return row is null ? null : new Me(row.Id, row.UserName, row.DisplayName, row.Role, row.DepartmentId, row.DepartmentName);
        }, ct);

    private sealed record LoginRow
    {
        public long Id { get; init; }
        public string UserName { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string PasswordHash { get; init; } = "";
        public Role Role { get; init; }
        public long? DepartmentId { get; init; }
        public string? DepartmentName { get; init; }
        public bool IsActive { get; init; }
        public int FailedLoginCount { get; init; }
        public DateTime? LockoutEndUtc { get; init; }
    }
}
