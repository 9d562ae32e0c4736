using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Hotline.Tests.Api;

namespace Hotline.Tests.Live;

/// <summary>
/// A small SignalR client speaking the JSON hub protocol over a WebSocket (the .NET SignalR client does not restore
/// here): handshake, invocations pushed by the server, and calls with a result. The server pushes lists of messages
/// (<c>Messages</c>); the client hands them out one by one as (type, message), and keeps each invocation's feed
/// positions in <see cref="Invocations"/>.
/// </summary>
public sealed class LiveTestClient : IAsyncDisposable
{
    public const string HubPath = "/hubs/live";

    private const char RecordSeparator = '\u001e';

    private readonly WebSocket _socket;
    private readonly Channel<(string Target, JsonElement Message)> _received = Channel.CreateUnbounded<(string, JsonElement)>();
    private readonly Dictionary<string, TaskCompletionSource<JsonElement>> _calls = [];
    private readonly List<IReadOnlyList<long>> _invocations = [];
    private readonly List<int> _invocationBytes = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiving;
    private int _nextId;

    private LiveTestClient(WebSocket socket)
    {
        _socket = socket;
        _receiving = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>Connects as <paramref name="userName"/> and completes the protocol handshake.</summary>
    public static async Task<LiveTestClient> ConnectAsync(HotlineApp app, string userName) =>
        await ConnectWithCookieAsync(app, await app.LoginCookieAsync(userName));

    public static async Task<LiveTestClient> ConnectWithCookieAsync(HotlineApp app, string? cookie)
    {
        var ws = app.Server.CreateWebSocketClient();
        ws.ConfigureRequest = r =>
        {
            if (cookie is not null)
            {
                r.Headers.Cookie = cookie;
            }
        };
        var socket = await ws.ConnectAsync(new Uri($"ws://{app.Server.BaseAddress.Authority}{HubPath}"), CancellationToken.None);
        var client = new LiveTestClient(socket);
        await client.SendAsync("""{"protocol":"json","version":1}""");
        var handshake = await client._handshake.Task.WaitAsync(TimeSpan.FromSeconds(10));
        if (handshake.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException("Handshake refused: " + error.GetString());
        }

        return client;
    }

    private readonly TaskCompletionSource<JsonElement> _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Calls a hub method and returns its result; a hub error throws.</summary>
    public async Task<JsonElement> InvokeAsync(string method, params object[] arguments)
    {
        var id = Interlocked.Increment(ref _nextId).ToString();
        var done = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_calls)
        {
            _calls[id] = done;
        }

        await SendAsync(JsonSerializer.Serialize(new { type = 1, invocationId = id, target = method, arguments }));
        return await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>The feed positions (seq) of each <c>Messages</c> invocation received so far, in arrival order.</summary>
    public IReadOnlyList<IReadOnlyList<long>> Invocations
    {
        get
        {
            lock (_invocations)
            {
                return _invocations.ToList();
            }
        }
    }

    /// <summary>The size of each <c>Messages</c> record received so far (UTF-8 bytes, without the record separator), in arrival order.</summary>
    public IReadOnlyList<int> InvocationBytes
    {
        get
        {
            lock (_invocations)
            {
                return _invocationBytes.ToList();
            }
        }
    }

    /// <summary>The next message the server pushed, or a failure after <paramref name="timeout"/>.</summary>
    public async Task<(string Target, JsonElement Message)> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            return await _received.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("No live message arrived in time.");
        }
    }

    /// <summary>Messages up to and including the first that satisfies <paramref name="until"/>.</summary>
    public async Task<List<(string Target, JsonElement Message)>> ReceiveUntilAsync(Func<string, JsonElement, bool> until, TimeSpan? timeout = null)
    {
        var all = new List<(string, JsonElement)>();
        while (true)
        {
            var next = await NextAsync(timeout);
            all.Add(next);
            if (until(next.Target, next.Message))
            {
                return all;
            }
        }
    }

    /// <summary>What has arrived so far, without waiting.</summary>
    public List<(string Target, JsonElement Message)> Drain()
    {
        var all = new List<(string, JsonElement)>();
        while (_received.Reader.TryRead(out var next))
        {
            all.Add(next);
        }

        return all;
    }

    private Task SendAsync(string json) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None);

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        var pending = new StringBuilder();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                pending.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
                var text = pending.ToString();
                var frames = text.Split(RecordSeparator);
                pending.Clear().Append(frames[^1]);
                foreach (var frame in frames[..^1])
                {
                    Dispatch(JsonDocument.Parse(frame).RootElement.Clone(), Encoding.UTF8.GetByteCount(frame));
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // closed
        }
        catch (Exception e)
        {
            _received.Writer.TryComplete(e); // a frame the test client does not understand fails the next read
        }
        finally
        {
            _received.Writer.TryComplete();
        }
    }

    private void Dispatch(JsonElement frame, int bytes)
    {
        if (!frame.TryGetProperty("type", out var type))
        {
            _handshake.TrySetResult(frame); // the handshake answer: {} or {"error":...}
            return;
        }

        switch (type.GetInt32())
        {
            case 1: // invocation pushed by the server: Messages(LiveMessage[])
                if (frame.GetProperty("target").GetString() != "Messages")
                {
                    throw new InvalidOperationException("Unexpected client method " + frame.GetProperty("target"));
                }

                var messages = frame.GetProperty("arguments")[0].EnumerateArray().ToList();
                lock (_invocations)
                {
                    _invocations.Add(messages.Select(m => m.GetProperty("seq").GetInt64()).ToList());
                    _invocationBytes.Add(bytes);
                }

                foreach (var message in messages)
                {
                    _received.Writer.TryWrite((message.GetProperty("type").GetString()!, message));
                }

                break;
            case 3: // completion of our call
                TaskCompletionSource<JsonElement>? call;
                lock (_calls)
                {
                    _calls.Remove(frame.GetProperty("invocationId").GetString()!, out call);
                }

                if (frame.TryGetProperty("error", out var error))
                {
                    call?.TrySetException(new InvalidOperationException(error.GetString()));
                }
                else
                {
                    call?.TrySetResult(frame.TryGetProperty("result", out var r) ? r : default);
                }

                break;
            case 7: // close
                _received.Writer.TryComplete();
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
        {
            // already gone
        }

        await _stop.CancelAsync();
        await _receiving;
        _socket.Dispose();
        _stop.Dispose();
    }
}
