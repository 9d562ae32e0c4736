using Dapper;
using Hotline.Core.Data;
using Microsoft.AspNetCore.Identity;

namespace Hotline.Core.Directory;

public sealed record DemoLogin(string UserName, string Password, Role Role, string Description, string? Extension = null);

/// <summary>
/// A believable demo district for the embedded default: streets and communities, about fifteen departments, the
/// common appeal categories and one user per role. Runs once, on an empty directory.
/// </summary>
public sealed class DemoSeed(Database db, IdGenerator ids, TimeProvider time, IPasswordHasher<UserView> hasher)
{
    public const string DemoPassword = "Hotline@12345";

    internal const string CountDepartments = "SELECT COUNT(*) FROM Department";

    private static readonly (string Code, string Name, (string Code, string Name)[] Communities)[] Streets =
    [
        ("LJ01", "江滨街道", [("LJ0101", "滨江社区"), ("LJ0102", "望江社区"), ("LJ0103", "临港社区")]),
        ("LJ02", "城关街道", [("LJ0201", "府前社区"), ("LJ0202", "文庙社区"), ("LJ0203", "北门社区")]),
        ("LJ03", "新华街道", [("LJ0301", "新华社区"), ("LJ0302", "和平社区")]),
        ("LJ04", "东湖街道", [("LJ0401", "东湖社区"), ("LJ0402", "湖畔社区"), ("LJ0403", "梅园社区")]),
        ("LJ05", "青山镇", [("LJ0501", "青山村"), ("LJ0502", "石桥村")]),
    ];

    private static readonly (string Code, string Name)[] FunctionalDepartments =
    [
        ("CGJ", "区城管局"), ("SCJGJ", "区市场监管局"), ("ZJJ", "区住建局"), ("STHJJ", "区生态环境局"),
        ("JJDD", "交警大队"), ("RSJ", "区人社局"), ("GSGS", "供水公司"), ("GDGS", "供电公司"),
        ("JTJ", "区交通运输局"), ("JYJ", "区教育局"),
    ];

    private static readonly (string Code, string Name, string[] Children)[] Categories =
    [
        ("HJ", "环境保护", ["噪音扰民", "油烟污染", "大气污染", "水体污染"]),
        ("SR", "城市管理", ["违章搭建", "占道经营", "垃圾清运", "路灯故障", "井盖缺失"]),
        ("JT", "交通出行", ["违章停车", "道路破损", "公交服务"]),
        ("SD", "水电气", ["供水问题", "停电断电", "燃气安全"]),
        ("ZF", "住房物业", ["物业纠纷", "房屋质量", "电梯故障"]),
        ("LD", "劳动保障", ["拖欠工资", "社保医保", "劳动合同"]),
        ("SC", "市场监管", ["食品安全", "消费纠纷", "价格违法"]),
        ("JY", "教育", ["校外培训", "入学咨询"]),
        ("QT", "其他", ["政策咨询", "其他事项"]),
    ];

    public static IReadOnlyList<DemoLogin> Logins { get; } =
    [
        new("agent", DemoPassword, Role.Agent, "话务员 王芳", "8001"),
        new("dispatcher", DemoPassword, Role.Dispatcher, "派单员 李强", "8002"),
        new("supervisor", DemoPassword, Role.Supervisor, "督办 赵敏"),
        new("window", DemoPassword, Role.WindowStaff, "办不成事窗口 孙丽"),
        new("admin", DemoPassword, Role.Admin, "系统管理员"),
        new("cgj", DemoPassword, Role.Liaison, "区城管局 联络员 周杰"),
        new("scjgj", DemoPassword, Role.Liaison, "区市场监管局 联络员 吴静"),
        new("stjhj", DemoPassword, Role.Liaison, "区生态环境局 联络员 郑涛"),
        new("jbjd", DemoPassword, Role.Liaison, "江滨街道 联络员 陈晨"),
    ];

    /// <summary>Seeds when the directory is empty; returns whether it did.</summary>
    public async Task<bool> SeedIfEmptyAsync(CancellationToken ct)
    {
        return await db.WriteAsync(async (c, tx, token) =>
        {
            if (await c.ExecuteScalarAsync<int>(new CommandDefinition(CountDepartments, transaction: tx, cancellationToken: token)) > 0)
            {
                return false;
            }

            var now = time.GetUtcNow().UtcDateTime;
            Task Run(string sql, object args) => c.ExecuteAsync(new CommandDefinition(sql, args, tx, cancellationToken: token));

            var district = ids.NewId();
            await Run(DirectorySql.InsertArea, new { Id = district, Code = "LJ", Name = "临江区", Level = "District", ParentId = (long?)null, NowUtc = now });
            var streetIds = new Dictionary<string, long>();
            foreach (var (code, name, communities) in Streets)
            {
                var street = streetIds[code] = ids.NewId();
                await Run(DirectorySql.InsertArea, new { Id = street, Code = code, Name = name, Level = "Street", ParentId = (long?)district, NowUtc = now });
                foreach (var (communityCode, communityName) in communities)
                {
                    await Run(DirectorySql.InsertArea, new { Id = ids.NewId(), Code = communityCode, Name = communityName, Level = "Community", ParentId = (long?)street, NowUtc = now });
                }
            }

            var departments = new Dictionary<string, long>();
            foreach (var (code, name) in FunctionalDepartments)
            {
                departments[code] = ids.NewId();
                await Run(DirectorySql.InsertDepartment, new { Id = departments[code], Code = code, Name = name, Kind = "Functional", ParentId = (long?)null, AreaId = (long?)null, NowUtc = now });
            }

            foreach (var (code, name, _) in Streets)
            {
                departments[code] = ids.NewId();
                await Run(DirectorySql.InsertDepartment, new { Id = departments[code], Code = code, Name = name + "办事处", Kind = "Territorial", ParentId = (long?)null, AreaId = (long?)streetIds[code], NowUtc = now });
            }

            var sort = 0;
            foreach (var (code, name, children) in Categories)
            {
                var parent = ids.NewId();
                await Run(DirectorySql.InsertCategory, new { Id = parent, Code = code, Name = name, ParentId = (long?)null, SortOrder = sort += 10, NowUtc = now });
                for (var i = 0; i < children.Length; i++)
                {
                    await Run(DirectorySql.InsertCategory, new { Id = ids.NewId(), Code = $"{code}{i + 1:D2}", Name = children[i], ParentId = (long?)parent, SortOrder = i, NowUtc = now });
                }
            }

            var liaisonDepartments = new Dictionary<string, string> { ["cgj"] = "CGJ", ["scjgj"] = "SCJGJ", ["stjhj"] = "STHJJ", ["jbjd"] = "LJ01" };
            var hash = hasher.HashPassword(new UserView(), DemoPassword);
            foreach (var login in Logins)
            {
                var displayName = login.Description.Split(' ')[^1];
                await Run(DirectorySql.InsertUser, new
                {
                    Id = ids.NewId(),
                    login.UserName,
                    DisplayName = displayName,
                    PasswordHash = hash,
                    Role = login.Role.ToString(),
                    DepartmentId = liaisonDepartments.TryGetValue(login.UserName, out var dept) ? departments[dept] : (long?)null,
                    Extension = login.Extension,
                    NowUtc = now,
                });
            }

            return true;
        }, ct);
    }
}
