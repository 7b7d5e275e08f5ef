@interception
Feature: Callers cannot label themselves or assert their own identity
  A label on a forwarded call (LAB-SIG-001) is the network's word about the caller. A caller that writes its own
  Call-Info entry of purpose label, say "delivery" so that the callee picks up, or its own P-Asserted-Identity with a
  reassuring display name, must not reach the callee with it: where calls enter the network from enterprise trunks
  (access realm) and from abroad (international realm), the system under test removes such headers, or replaces the
  identity with one it asserts itself (RFC 3325 §5). The call itself goes on. An interconnect peer's headers are the
  operator's choice of trust and are not tested here.

  Background:
    Given a callee in the national network

  Rule: A caller's own label stops at the edge

    @INT-EDGE-001 @pics:INT-EDGE
    Scenario: A call from abroad that labels itself reaches the callee without that label
      When a caller abroad labels its own call "delivery" and presents the foreign number "+14155550123"
      Then the callee receives the call
      And the forwarded call carries no Call-Info label the caller wrote

    @INT-EDGE-001 @pics:INT-EDGE @pics:AUTH-RNG
    Scenario: A trunk call that labels itself reaches the callee without that label
      Given an enterprise of sector "other" with a trunk in the access realm
      When the trunk calls the callee presenting a number of its own range with its own Call-Info label "delivery"
      Then the call reaches the callee
      And the forwarded call carries no Call-Info label the caller wrote

  Rule: A caller's own asserted identity stops at the edge

    @INT-EDGE-002 @pics:INT-EDGE
    Scenario: A call from abroad that asserts its own identity reaches the callee without it
      When a caller abroad asserts its own identity "顺丰快递" as "+14155550188" and presents the foreign number "+14155550123"
      Then the callee receives the call
      And the forwarded call carries no P-Asserted-Identity with the caller's display name
      And the forwarded call asserts no identity the caller asserted for itself

    @INT-EDGE-002 @pics:INT-EDGE @pics:AUTH-RNG
    Scenario: A trunk call that asserts its own display name reaches the callee without it
      Given an enterprise of sector "other" with a trunk in the access realm
      When the trunk calls the callee presenting a number of its own range asserting its own identity "顺丰快递"
      Then the call reaches the callee
      And the forwarded call carries no P-Asserted-Identity with the caller's display name
