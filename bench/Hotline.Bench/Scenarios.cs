using System.Collections.Concurrent;
using System.Diagnostics;

namespace Hotline.Bench;

internal static class Scenarios
{
    /// <summary>N agents, each registering the next call as soon as the last one is saved.</summary>
    public static async Task<Result> ClosedLoopAsync(IntakeClient intake, int agents, TimeSpan duration)
    {
        var latencies = new ConcurrentBag<double>();
        var errors = 0;
        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, agents).Select(async agent =>
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                var (ms, ok) = await intake.RegisterAndDispatchAsync(agent, Stopwatch.GetTimestamp());
                latencies.Add(ms);
                if (!ok)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        return new Result($"closed loop, {agents} agent{(agents == 1 ? "" : "s")}", latencies.Count, errors, Stopwatch.GetElapsedTime(started), [.. latencies]);
    }

    /// <summary>
    /// A fixed arrival rate, scheduled by the clock rather than by completions; each latency counts from the moment the
    /// request was due to be sent, so a slow server cannot hide its queueing (no coordinated omission).
    /// </summary>
    public static async Task<Result> OpenLoopAsync(IntakeClient intake, int perSecond, TimeSpan duration)
    {
        var total = (int)(perSecond * duration.TotalSeconds);
        var interval = Stopwatch.Frequency / (double)perSecond;
        var latencies = new ConcurrentBag<double>();
        var errors = 0;
        var inFlight = new List<Task>(total);
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var due = started + (long)(i * interval);
            while (Stopwatch.GetTimestamp() < due)
            {
                var wait = (due - Stopwatch.GetTimestamp()) * 1000.0 / Stopwatch.Frequency;
                if (wait > 2)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(wait - 1));
                }
                else
                {
                    Thread.SpinWait(50);
                }
            }

            var agent = i;
            inFlight.Add(Task.Run(async () =>
            {
                var (ms, ok) = await intake.RegisterAndDispatchAsync(agent, due);
                latencies.Add(ms);
                if (!ok)
                {
                    Interlocked.Increment(ref errors);
                }
            }));
        }

        await Task.WhenAll(inFlight);
        return new Result($"open loop, {perSecond}/s", latencies.Count, errors, Stopwatch.GetElapsedTime(started), [.. latencies]);
    }
}
