// Looks a domain up with rdapper as any user of it would, through our RDAP bootstrap file
// (RFC 9224) instead of IANA's; prints rdapper's normalised result as JSON.
import { lookup } from "rdapper";

const [bootstrap, domain] = process.argv.slice(2);
const result = await lookup(domain, { rdapOnly: true, customBootstrapUrl: bootstrap, timeoutMs: 20000 });
console.log(JSON.stringify(result));
