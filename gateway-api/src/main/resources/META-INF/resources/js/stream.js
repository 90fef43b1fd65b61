// Live events of one bot from GET /api/v1/stream: Server-Sent Events read with fetch, because EventSource cannot send
// the API key header. After a drop it reconnects and continues after the last event seen (Last-Event-ID).
import { apiKey } from "./api.js";

let current = null;

/**
 * Follows {@code bot}'s klines, orders and positions from {@code since} (epoch ms of the records), calling
 * {@code onEvent(type, event)} for each and {@code onState(text)} as the connection comes and goes;
 * {@code onRefused()} when the gateway refuses the key (the stream then ends). Following another bot ends the
 * previous stream.
 */
export async function follow(bot, since, onEvent, onState, onRefused) {
  if (current && current.botId === bot.botId) {
    return;
  }
  current?.controller.abort();
  const controller = new AbortController();
  current = { botId: bot.botId, controller };
  let lastEventId = null;
  while (!controller.signal.aborted) {
    try {
      const headers = { "X-API-Key": apiKey(), Accept: "text/event-stream" };
      const query = new URLSearchParams({ types: "kline,order,position", symbol: bot.symbol, botId: bot.botId });
      if (lastEventId) {
        headers["Last-Event-ID"] = lastEventId;
      } else {
        query.set("since", String(since));
      }
      const response = await fetch("/api/v1/stream?" + query, { headers, signal: controller.signal });
      if (response.status === 401) {
        current = null;
        onRefused();
        return;
      }
      if (response.status === 400) {
        // A position the gateway cannot resume from (its topics changed): start again from the given time.
        lastEventId = null;
      }
      if (!response.ok) {
        throw new Error("the stream answered " + response.status);
      }
      onState("Live");
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          break;
        }
        buffer += value;
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const event = parse(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          lastEventId = event.id || lastEventId;
          if (event.data) {
            onEvent(event.event, JSON.parse(event.data));
          }
        }
      }
      onState("Live updates ended; reconnecting ...");
    } catch (error) {
      if (controller.signal.aborted) {
        return;
      }
      onState("Live updates interrupted (" + error.message + "); reconnecting ...");
    }
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
}

/** One SSE block ("field: value" lines; a comment line starts with a colon) as {id, event, data}. */
function parse(block) {
  const event = {};
  for (const line of block.split("\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) {
      const field = line.slice(0, colon);
      const value = line.slice(colon + 1).replace(/^ /, "");
      event[field] = field === "data" && event.data != null ? event.data + "\n" + value : value;
    }
  }
  return event;
}
