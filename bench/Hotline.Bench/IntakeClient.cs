using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Hotline.Bench;

/// <summary>Signed-in agents with realistic calls: random categories, areas, departments, Chinese text, mobile numbers.</summary>
internal sealed class IntakeClient
{
    private static readonly string[] Titles = ["小区夜间施工噪音扰民", "饭店油烟直排", "路灯不亮", "小区停水无通知", "物业乱收费", "公司拖欠工资三个月", "超市销售过期食品", "占道经营堵塞人行道"];
    private static readonly string[] Urgencies = ["Normal", "Normal", "Normal", "Normal", "Urgent", "Emergency"];
    private static readonly string[] AppealTypes = ["Complaint", "Complaint", "HelpRequest", "Consultation", "Report", "Suggestion"];

    private readonly HttpClient[] _agents;
    private readonly long[] _categories;
    private readonly long[] _areas;
    private readonly long[] _departments;

    private IntakeClient(HttpClient[] agents, long[] categories, long[] areas, long[] departments)
    {
        _agents = agents;
        _categories = categories;
        _areas = areas;
        _departments = departments;
    }

    public static async Task<IntakeClient> CreateAsync(string baseUrl, int agents)
    {
        var clients = new HttpClient[agents];
        for (var i = 0; i < agents; i++)
        {
            var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
            clients[i] = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
            var login = await clients[i].PostAsJsonAsync("/api/auth/login", new { userName = "agent", password = "Hotline@12345" });
            login.EnsureSuccessStatusCode();
            var token = handler.CookieContainer.GetCookies(new Uri(baseUrl))["XSRF-TOKEN"]!.Value;
            clients[i].DefaultRequestHeaders.Add("X-XSRF-TOKEN", token);
        }

        async Task<JsonElement[]> List(string path) => (await clients[0].GetFromJsonAsync<JsonElement[]>(path))!;
        var categories = (await List("/api/directory/categories")).Where(c => c.GetProperty("parentId").ValueKind == JsonValueKind.Number).Select(c => c.GetProperty("id").GetInt64()).ToArray();
        var areas = (await List("/api/directory/areas")).Select(a => a.GetProperty("id").GetInt64()).ToArray();
        var departments = (await List("/api/directory/departments")).Select(d => d.GetProperty("id").GetInt64()).ToArray();
        return new IntakeClient(clients, categories, areas, departments);
    }

    /// <summary>One "登记并派单"; returns the latency and whether it was created.</summary>
    public async Task<(double Ms, bool Ok)> RegisterAndDispatchAsync(int agent, long startTimestamp)
    {
        var random = Random.Shared;
        var title = Titles[random.Next(Titles.Length)];
        var body = new
        {
            channel = "Phone",
            callerPhone = $"13{random.Next(0, 10)}{random.Next(10_000_000, 99_999_999)}",
            callerName = "市民",
            appealType = AppealTypes[random.Next(AppealTypes.Length)],
            urgency = Urgencies[random.Next(Urgencies.Length)],
            categoryId = _categories[random.Next(_categories.Length)],
            areaId = _areas[random.Next(_areas.Length)],
            address = $"滨江路{random.Next(1, 500)}号",
            title,
            content = $"{title}，已经持续{random.Next(1, 30)}天，希望有关部门尽快处理。",
            isConfidential = false,
            dispatch = new { leadDepartmentId = _departments[random.Next(_departments.Length)], assistDepartmentIds = Array.Empty<long>() },
        };
        try
        {
            using var response = await _agents[agent % _agents.Length].PostAsJsonAsync("/api/tickets", body);
            return (Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds, response.StatusCode == HttpStatusCode.Created);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds, false);
        }
    }

    public async Task WarmUpAsync(TimeSpan duration)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < end)
        {
            await RegisterAndDispatchAsync(0, Stopwatch.GetTimestamp());
        }
    }
}
