// Reads an answer's body as text, at most `max` bytes of it: past that, the rest is not read (the
// stream is cancelled, which also lets go of the connection) and the text stops there, longer
// than `max`, which the core reports as a body too large to read (a `decode` error). A server or
// proxy that streams without end, or without a length, must not fill the page's memory, as
// `Response.text()` would. A body that cannot be read is "": the status decides.
export async function boundedText(response, max) {
  try {
    const reader = response.body?.getReader();
    if (!reader) return "";
    const decoder = new TextDecoder();
    let text = "";
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return text + decoder.decode();
      size += value.byteLength;
      text += decoder.decode(value, { stream: true });
      if (size > max) {
        reader.cancel().catch(() => {});
        return text + decoder.decode();
      }
    }
  } catch {
    return "";
  }
}
