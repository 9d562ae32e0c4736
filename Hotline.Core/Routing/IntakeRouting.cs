namespace Hotline.Core.Routing;

/// <summary>What ticket registration asks of the responsibility list: the current engine, and whether to dispatch.</summary>
public sealed class IntakeRouting(RoutingEngineProvider engines, RoutingOptions options)
{
    public bool AutoDispatch => options.AutoDispatch;

    public ValueTask<RoutingEngine> EngineAsync(CancellationToken ct) => engines.CurrentAsync(ct);

    internal static string Serialize(RoutingDecision decision) => System.Text.Json.JsonSerializer.Serialize(decision, RoutingService.Json);
}
