@interception
Feature: Calls from abroad name their region
  An optional warning: a call from abroad that is let through tells the callee it comes from abroad and from
  where, so that terminals can show 境外来电 with the region. It is carried on the forwarded INVITE as exactly
    Call-Info: <urn:origin:RR>;purpose=origin;region=RR
  where RR is the ISO 3166-1 alpha-2 region of the calling number's country code (US, GB, HK …; ZZ when the
  number names none). Calls from domestic carriers carry no purpose=origin entry.

  Background:
    Given a callee in the national network

  Rule: Calls from abroad name their region

    @INT-INTL-006 @pics:INT-INTL-WARN
    Scenario Outline: A call from abroad presenting <number> reaches the callee naming region <region>
      When a call from abroad presents the foreign number "<number>"
      Then the callee receives the call
      And the forwarded call names the region "<region>" in a Call-Info entry of purpose origin

      Examples:
        | number         | region |
        | +14155550123   | US     |
        | 0014155550123  | US     |
        | +442079460958  | GB     |
        | +85221234567   | HK     |

    @INT-INTL-006 @pics:INT-INTL-WARN
    Scenario: A call from a domestic carrier names no region
      When a call from a domestic carrier presents a domestic mobile number in +86 form
      Then the callee receives the call
      And the forwarded call carries no Call-Info entry of purpose origin
