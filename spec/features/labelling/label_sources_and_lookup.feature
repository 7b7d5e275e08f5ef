@labelling
Feature: Label sources and the lookup API
  Besides users' reports, labels come from the carrier's own analytics (a caller the one-ring rule flags is
  labelled harassment) and from enterprises declaring their own numbers with a benign category (a delivery
  company, a taxi firm). Apps read a number's label with GET /v1/labels/{number}: category (code and Chinese
  name), count of distinct reporters, source (reports, carrier-analytics, enterprise-declaration) and time.

  Background:
    Given a caller on a domestic carrier

  Rule: The lookup answers every fact of a label, and 404 for none

    @LAB-LKP-001 @pics:LAB-LKP
    Scenario: A labelled number's lookup gives category, count, source and time
      Given as many distinct reporters as the label threshold have reported the caller as "real-estate"
      Then the lookup of the caller answers the category "real-estate" named "房产中介" with the count of distinct reporters, from source "reports"

    @LAB-LKP-001 @pics:LAB-LKP
    Scenario: An unlabelled number's lookup is answered 404 with problem+json
      Then the lookup of the caller finds no label

  Rule: Carrier analytics label numbers

    @LAB-SRC-001 @pics:LAB-ANA
    Scenario: A caller flagged by the one-ring rule is labelled by carrier analytics
      When the caller rings as many distinct callees as the one-ring threshold, cancelling each at once
      And the caller attempts to call a new callee
      Then the lookup of the caller answers the category "harassment" from source "carrier-analytics"

  Rule: Enterprises declare their numbers with benign categories

    @LAB-SRC-002 @pics:LAB-DECL
    Scenario: A delivery company's declared number is labelled with its name
      When the enterprise "顺丰速运" declares the caller's number as "delivery"
      Then the lookup of the caller names the holder "顺丰速运"

    @LAB-SRC-002 @pics:LAB-DECL
    Scenario: An enterprise cannot declare a category that is not benign
      When the enterprise "某贷款公司" attempts to declare the caller's number as "loans"
      Then the attempt fails with problem+json naming the field "category"
      And the lookup of the caller finds no label
