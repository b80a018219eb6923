// A simulated connection reset (the `reset` fault): the handler answers with a marked Response,
// and the server that mounted it (node-edge.ts) destroys the socket instead of sending anything,
// so the client sees the connection drop before any byte of an answer, as on a real network.
const dropped = new WeakSet<Response>();

export function dropConnection(): Response {
  const response = new Response(null, { status: 502 });
  dropped.add(response);
  return response;
}

export function isDroppedConnection(response: Response): boolean {
  return dropped.has(response);
}
