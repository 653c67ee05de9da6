import { storeContract } from "./testing.ts";
import { makeMemoryStore } from "./MemoryStore.ts";

let n = 0;
storeContract("in-memory", { open: async () => makeMemoryStore(), prefix: () => `mem${++n}`, isolated: true });
