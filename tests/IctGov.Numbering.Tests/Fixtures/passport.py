# An independent JOSE implementation (Debian's python3-jwcrypto) on the other side of PASSporT:
#   verify CERT.pem JWS          checks the ES256 signature with the certificate's key; prints header and payload
#   sign KEY.pem X5U PAYLOAD     signs PAYLOAD (JSON text) as a SHAKEN PASSporT; prints the compact JWS
import json
import sys

from jwcrypto import jwk, jws

mode = sys.argv[1]
if mode == "verify":
    key = jwk.JWK.from_pem(open(sys.argv[2], "rb").read())
    token = jws.JWS()
    token.deserialize(sys.argv[3])
    token.verify(key, alg="ES256")
    print(json.dumps({"header": token.jose_header, "payload": json.loads(token.payload)}, sort_keys=True))
elif mode == "sign":
    key = jwk.JWK.from_pem(open(sys.argv[2], "rb").read())
    token = jws.JWS(sys.argv[4].encode())
    token.add_signature(key, alg="ES256", protected=json.dumps({"alg": "ES256", "ppt": "shaken", "typ": "passport", "x5u": sys.argv[3]}))
    print(token.serialize(compact=True))
else:
    sys.exit("usage: passport.py verify CERT JWS | sign KEY X5U PAYLOAD")
