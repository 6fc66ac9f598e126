// Preloaded (`node --require`) into the third-party clients the tests start: a server that
// listens on a port without naming an address (the Agents Playground does:
// `server.listen(port)`, i.e. every interface) listens on 127.0.0.1 only.
"use strict";
const net = require("net");
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === "number" && typeof args[1] !== "string") {
    args.splice(1, 0, "127.0.0.1");
  }
  return listen.apply(this, args);
};
