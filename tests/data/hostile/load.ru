LOAD <{HOOK}/data.ttl> INTO GRAPH <http://example.org/g>
