#!/usr/bin/python3
"""cms_token.py CMS TOKEN_OUT: writes the signature time-stamp token of the CMS's signer to
TOKEN_OUT and prints the SHA-256 of the signature value it must date (hex)."""
import hashlib, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from der import signature_value, token

cms = open(sys.argv[1], 'rb').read()
open(sys.argv[2], 'wb').write(token(cms))
print(hashlib.sha256(signature_value(cms)).hexdigest())
