@interception
Feature: Signalling of intercepted calls
  An intercepted INVITE is answered, never forwarded, with the final response of the signalling profile
  the target file names: atis-603plus (603 Network Blocked with a Reason header carrying redress
  contacts), rfc8688 (608 Rejected with a jwscard Call-Info) or rfc8197 (607 Unwanted). The response
  behaves as RFC 3261 asks of a server transaction, and nothing that is not SIP gets through.

  Background:
    Given a callee in the national network

  @INT-SIG-001 @pics:INT-SIG
  Scenario: The intercepted call gets exactly the configured profile's final response
    When a call from abroad attempts to present a domestic mobile number in +86 form
    Then the call is intercepted with the network's blocking response
    And the blocking response names where the caller can seek redress
    And the callee receives no INVITE

  @INT-SIG-002 @pics:INT-SIG
  Scenario: A retransmitted intercepted INVITE gets the same final response and is not forwarded
    Given the caller holds back its ACK of a rejection
    When a call from abroad attempts to present a domestic mobile number in +86 form
    And the caller retransmits the same INVITE before acknowledging the final response
    Then the retransmission gets the same final response
    And the callee receives no INVITE

  @INT-SIG-002 @pics:INT-SIG
  Scenario: The ACK of an intercepted INVITE is absorbed
    When a call from abroad attempts to present a domestic mobile number in +86 form
    Then the call is intercepted with the network's blocking response
    And the caller's ACK is absorbed: the final response is not repeated and the ACK reaches no one beyond the SUT

  @INT-SIG-003 @pics:INT-SIG
  Scenario Outline: A datagram that is not SIP is dropped or refused and screening goes on
    When a peer abroad sends the international realm <garbage>
    Then nothing reaches the callee, parsed or not
    And a call from abroad presenting a foreign number is still forwarded

    Examples:
      | garbage                                   |
      | random bytes                              |
      | an HTTP request                           |
      | an INVITE whose Content-Length overstates |
      | an INVITE without a Call-ID               |
