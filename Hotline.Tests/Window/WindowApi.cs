using System.Net;
using System.Net.Http.Json;
using Hotline.Core.Window;
using Hotline.Tests.Api;

namespace Hotline.Tests.Window;

/// <summary>Intent methods for window cases over the real HTTP API.</summary>
internal static class WindowApi
{
    public static object Intake(string item = "不动产登记", string cause = "Materials", long? failedDepartmentId = null, string? code = "BDC-001",
        DateTime? failedUtc = null, object? outOfScope = null) => new
    {
        applicantName = "张伟", applicantPhone = "13812345678", serviceItemName = item, serviceItemCode = code, failedHall = "区政务服务中心",
        failedWindow = "3号窗口", failedDepartmentId, failedStaff = "工号 0312", failedUtc = failedUtc ?? DateTime.UtcNow.AddDays(-1), cause,
        description = "材料齐全但窗口以缺少证明为由不予受理。", request = "当场受理并办结", outOfScope,
    };

    public static async Task<WindowCaseDetail> CreateAsync(this ApiClient client, object body)
    {
        var response = await client.PostAsync("/api/window/cases", body);
        await ApiClient.EnsureAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<WindowCaseDetail>(HotlineApp.Json))!;
    }

    public static Task<HttpResponseMessage> TryCaseAsync(this ApiClient client, long id, string action, object body) =>
        client.PostAsync($"/api/window/cases/{id}/{action}", body);

    public static async Task<WindowCaseDetail> CaseAsync(this ApiClient client, long id, string action, object body)
    {
        var response = await client.TryCaseAsync(id, action, body);
        await ApiClient.EnsureAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<WindowCaseDetail>(HotlineApp.Json))!;
    }

    public static async Task<WindowCaseDetail> GetCaseAsync(this ApiClient client, long id) => (await client.GetAsync<WindowCaseDetail>($"/api/window/cases/{id}"))!;
}
