// Starts fauxqs (SQS + SNS + S3) bound to 127.0.0.1 only.
// Why not the package's CLI: it always listens on 0.0.0.0, which exposes the emulator to the network.
// Usage: node fauxqs-launcher.mjs <port>   (0 picks a free port; the ready line carries the real one)
import { buildApp } from "fauxqs";
// The package exports only its entry point, so the stores are imported by file path,
// the way startFauxqs() in dist/app.js builds them.
import { SqsStore } from "./node_modules/fauxqs/dist/sqs/sqsStore.js";
import { SnsStore } from "./node_modules/fauxqs/dist/sns/snsStore.js";
import { S3Store } from "./node_modules/fauxqs/dist/s3/s3Store.js";

const port = Number.parseInt(process.argv[2] ?? "0", 10);
const stores = { sqsStore: new SqsStore(), snsStore: new SnsStore(), s3Store: new S3Store() };
// No `host` option: fauxqs would turn it into "sqs.<region>.<host>:<port>" queue URLs; without it
// queue URLs use the request's Host header (127.0.0.1:<port>), which is what SDK clients send.
const app = buildApp({ logger: false, stores });
const address = await app.listen({ port, host: "127.0.0.1" });
console.log(`fauxqs ready on ${address}`);

const stop = async () => {
  await app.close();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
