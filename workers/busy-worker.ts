/**
 * Background CPU load for the interference scenario: keeps one core busy with floating-point work
 * until the page terminates this worker. It yields for a moment every ~50 ms (so the browser can
 * still deliver `terminate()` promptly) and counts its iterations, which the page can read to see
 * how much work it did.
 */
let iterations = 0;
let sink = 0;

function burn(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    for (let i = 0; i < 10_000; i++) sink = Math.sqrt(sink + i) * 1.000001;
    iterations++;
  }
}

async function spin(): Promise<void> {
  for (;;) {
    burn(50);
    self.postMessage({ iterations, sink: sink > 0 });
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

void spin();
