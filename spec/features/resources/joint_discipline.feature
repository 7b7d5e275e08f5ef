@resources
Feature: The joint-discipline list (一处失信，处处受限)
  Carriers share one list of enterprises that broke their contracts (POST and GET /v1/discipline-list): an entry names
  the enterprise, the carrier that listed it, the reason and the date. A listed enterprise gets no new allocation
  anywhere, whichever carrier listed it: the request is refused with problem+json naming the holder. The suite plays a
  second carrier with the operator key the target names in management.roleTokenVariables.other-carrier.

  Background:
    Given an enterprise of sector "other" with a trunk in the access realm
    And the enterprise's qualification is recorded in full

  Rule: A listed enterprise gets no new allocation, whichever carrier listed it

    @RES-DIS-001 @pics:RES-DIS
    Scenario: An enterprise another carrier listed gets no 400 number here
      Given another carrier has listed the enterprise on the joint-discipline list for harassing calls
      When the carrier attempts to allocate a fresh 400 number to the enterprise
      Then the allocation is refused with problem+json naming "holder"
      And the allocations of the number list none

    @RES-DIS-001 @pics:RES-DIS
    Scenario: An enterprise the carrier listed itself gets no trunk block
      Given the carrier has listed the enterprise on the joint-discipline list for harassing calls
      When the carrier attempts to allocate the trunk's number block to the enterprise
      Then the allocation is refused with problem+json naming "holder"
      And the allocations of the trunk list none

  Rule: The list is shared between carriers

    @RES-DIS-002 @pics:RES-DIS
    Scenario: An entry another carrier publishes is read by this carrier's operator, with the listing carrier, reason and date
      When another carrier lists the enterprise on the joint-discipline list for harassing calls
      Then the carrier's operator finds the entry on the joint-discipline list, naming the other carrier, the reason and the date
