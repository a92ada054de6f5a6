using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Catalog;
using BillingOrchestrator.Billing.Psa;
using static BillingOrchestrator.Billing.Demo.DemoReference;

namespace BillingOrchestrator.Billing.Demo;

/// <summary>Companies, technicians, agreements and the catalog they are enrolled in.</summary>
internal sealed partial class DemoBuilder
{
    private const decimal AverageEntryHours = 0.36m;

    private double[] _companyWeights = [];
    private double[] _cumulativeWeights = [];
    private int[] _users = [];
    private int[] _primary = [];
    private int[] _companion = [];
    private int[] _lateStart = [];
    private int[] _historical = [];

    private void BuildCompaniesAndMembers()
    {
        _companies.Add(new Company { Id = 1, Identifier = "NorthwindMSP", Name = "Northwind MSP" });
        var count = _options.Companies;
        _companyWeights = new double[count + 1];
        _cumulativeWeights = new double[count + 1];
        _users = new int[count + 1];
        var total = 0d;
        for (var c = 1; c <= count; c++)
        {
            var i = c - 1;
            var suffix = i / (CompanyWords.Count * CompanyKinds.Count) is var n and > 0 ? $" {n + 1}" : "";
            var name = $"{CompanyWords[i % CompanyWords.Count]} {CompanyKinds[i / CompanyWords.Count % CompanyKinds.Count]}{suffix}";
            _companies.Add(new Company { Id = c + 1, Identifier = name.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal), Name = name });
            var r = _random.NextDouble();
            var weight = 1d + (30d * r * r * r);
            _companyWeights[c] = weight;
            _users[c] = 5 + (int)(weight * 4);
            total += weight;
            _cumulativeWeights[c] = total;
        }

        for (var t = 0; t < _options.Technicians; t++)
        {
            var roleId = RoleFor(t);
            var cost = RoleCosts[roleId - 1] * (0.9m + (_random.Next(21) / 100m));
            _members.Add(new Member
            {
                Id = t + 1,
                Identifier = $"{FirstNames[t % FirstNames.Count][0]}{LastNames[(t + (t / FirstNames.Count)) % LastNames.Count]}{t + 1}".ToLowerInvariant(),
                FirstName = FirstNames[t % FirstNames.Count],
                LastName = LastNames[(t + (t / FirstNames.Count)) % LastNames.Count],
                DefaultRoleId = roleId,
                DailyCapacity = new Hours(8m),
                HourlyCost = new Money(cost).RoundToCents(),
            });
        }
    }

    /// <summary>Spreads technicians over roles in the <see cref="RoleMix"/> proportions.</summary>
    private int RoleFor(int technician)
    {
        var position = ((technician * 1000) + 500) / _options.Technicians;
        var cumulative = 0;
        for (var r = 0; r < RoleMix.Count; r++)
        {
            cumulative += RoleMix[r];
            if (position < cumulative)
            {
                return r + 1;
            }
        }

        return RoleMix.Count;
    }

    private int PickCompany()
    {
        var x = _random.NextDouble() * _cumulativeWeights[^1];
        var index = Array.BinarySearch(_cumulativeWeights, 1, _cumulativeWeights.Length - 1, x);
        return Math.Min(index >= 0 ? index : ~index, _cumulativeWeights.Length - 1);
    }

    private void BuildAgreementsAndCatalog()
    {
        PublishRuleSets();
        var companies = _options.Companies;
        _primary = Filled(companies + 1);
        _companion = Filled(companies + 1);
        _lateStart = Filled(companies + 1);
        _historical = Filled(companies + 1);
        for (var c = 1; c <= companies; c++)
        {
            _primary[c] = AddAgreement(c, PickPrimaryType(), AgreementRole.Primary);
        }

        var extras = _options.Agreements - companies;
        for (var e = 0; e < extras; e++)
        {
            var slot = e % 20;
            if (slot < 9 && TryPick(c => _companion[c] < 0 && AgreementOf(_primary[c]).TypeId != TimeAndMaterials, out var c1))
            {
                _companion[c1] = AddAgreement(c1, TimeAndMaterials, AgreementRole.Companion);
            }
            else if (slot >= 16 && (TryPick(c => _lateStart[c] < 0 && AgreementOf(_primary[c]).TypeId == TimeAndMaterials, out var c2)
                || TryPick(c => _lateStart[c] < 0, out c2)))
            {
                _lateStart[c2] = AddAgreement(c2, BlockHours, AgreementRole.LateStart);
            }
            else
            {
                var c3 = 1 + _random.Next(companies);
                var index = AddAgreement(c3, Chance(0.5) ? ManagedServices : PerDevice, AgreementRole.Historical);
                if (_historical[c3] < 0)
                {
                    _historical[c3] = index;
                }
            }
        }

        PublishOverridesAndEnroll();
    }

    private static int[] Filled(int length)
    {
        var array = new int[length];
        Array.Fill(array, -1);
        return array;
    }

    private int PickPrimaryType()
    {
        var x = _random.Next(100);
        for (var t = 0; t < PrimaryTypeMix.Count; t++)
        {
            x -= PrimaryTypeMix[t];
            if (x < 0)
            {
                return t + 1;
            }
        }

        return ManagedServices;
    }

    /// <summary>A random customer satisfying <paramref name="eligible"/>.</summary>
    private bool TryPick(Func<int, bool> eligible, out int company)
    {
        company = 1 + Sample(_options.Companies, c => eligible(c + 1));
        return company > 0;
    }

    private int AddAgreement(int company, int typeId, AgreementRole role)
    {
        var id = _agreements.Count + 1;
        var start = role switch
        {
            AgreementRole.LateStart => _monthStarts[1 + _random.Next(_options.Months - 1)],
            AgreementRole.Historical => _periodStart.AddMonths(-(24 + _random.Next(24))),
            _ => _periodStart.AddMonths(-(6 + _random.Next(36))),
        };
        DateOnly? end = null;
        var noEnd = false;
        var status = AgreementStatus.Active;
        if (role == AgreementRole.Historical)
        {
            status = (id % 3) switch { 0 => AgreementStatus.Cancelled, 1 => AgreementStatus.Expired, _ => AgreementStatus.Inactive };
            if (status == AgreementStatus.Expired)
            {
                end = _periodStart.AddDays(-(30 + _random.Next(300)));
            }
            else
            {
                noEnd = true;
            }
        }
        else if (Chance(0.7))
        {
            noEnd = true;
        }
        else
        {
            var years = 1;
            while (start.AddYears(years).AddDays(-1) <= _periodEnd)
            {
                years++;
            }

            end = start.AddYears(years).AddDays(-1);
        }

        var users = _users[company];
        var expectedHours = (decimal)(_options.TargetTimeEntries / (double)_options.Months * _companyWeights[company] / _cumulativeWeights[^1]) * AverageEntryHours;
        var agreement = new Agreement
        {
            Id = id,
            Name = $"{_companies[company].Name} - {AgreementTypes[typeId - 1].Name}",
            TypeId = typeId,
            CompanyId = company + 1,
            AgreementStatus = status,
            StartDate = start,
            EndDate = end,
            NoEndingDateFlag = noEnd,
            BillAmount = Money.Zero,
            ApplicationUnits = ApplicationUnits.Hours,
            ApplicationCycle = ApplicationCycle.CalendarMonth,
            ApplicationUnlimitedFlag = true,
            AllowOverruns = true,
            CoverAgreementTime = typeId != TimeAndMaterials,
            BillTime = BillableOption.Billable,
            LastUpdated = At(_periodStart.AddDays(-(10 + _random.Next(300))), 9 * 60),
        };
        agreement = typeId switch
        {
            ManagedServices => agreement with
            {
                BillAmount = new Money(users * (110 + (5 * _random.Next(7)))),
                WorkTypeExclusions = [ProjectWork, HardwareInstall],
                Additions = Additions(id, role, ("M365-BUSINESS-PREMIUM", users, 22m, 18m, BillableOption.Billable), ("CLOUD-BACKUP", Chance(0.5) ? 1 : 0, 150m, 60m, BillableOption.Billable)),
            },
            PerDevice => agreement with
            {
                BillAmount = new Money(99m),
                WorkTypeExclusions = [ProjectWork, HardwareInstall],
                Additions = Additions(id, role, ("MANAGED-WORKSTATION", users, 45m, 12m, BillableOption.Billable), ("MANAGED-SERVER", 1 + _random.Next(5), 175m, 40m, BillableOption.Billable), ("RMM-AGENT", users, 0m, 2m, BillableOption.DoNotBill)),
            },
            BlockHours => BlockOf(agreement, expectedHours),
            Retainer => RetainerOf(agreement, expectedHours),
            _ => agreement,
        };
        _agreements.Add(agreement);
        return id - 1;
    }

    private static Agreement BlockOf(Agreement agreement, decimal expectedHours)
    {
        var limit = Math.Max(10m, Math.Ceiling(expectedHours * 0.8m * 1.6m / 5m) * 5m);
        return agreement with
        {
            ApplicationUnlimitedFlag = false,
            ApplicationLimit = limit,
            BillAmount = new Money(limit * 140m),
            WorkTypeExclusions = [ProjectWork],
        };
    }

    private static Agreement RetainerOf(Agreement agreement, decimal expectedHours)
    {
        var amount = Math.Max(2000m, Math.Ceiling(expectedHours * 0.8m * 160m * 1.6m / 500m) * 500m);
        return agreement with
        {
            ApplicationUnits = ApplicationUnits.Amount,
            ApplicationUnlimitedFlag = false,
            ApplicationLimit = amount,
            BillAmount = new Money(amount),
            WorkTypeExclusions = [ProjectWork],
        };
    }

    /// <summary>Additions of an agreement; some start or stop during the period, as devices and licences do.</summary>
    private List<AgreementAddition> Additions(int agreementId, AgreementRole role, params (string Product, int Quantity, decimal Price, decimal Cost, BillableOption Bill)[] products)
    {
        var list = new List<AgreementAddition>(products.Length + 1);
        foreach (var (product, quantity, price, cost, bill) in products)
        {
            if (quantity > 0)
            {
                list.Add(Addition(agreementId, product, quantity, price, cost, bill, null));
            }
        }

        if (role is AgreementRole.Primary)
        {
            if (Chance(0.15))
            {
                list.Add(Addition(agreementId, list[0].Product, 5, list[0].UnitPrice.Amount, list[0].UnitCost.Amount, BillableOption.Billable, _monthStarts[1].AddDays(9)));
            }
            else if (list.Count > 1 && Chance(0.12))
            {
                list[1] = list[1] with { CancelledDate = _monthStarts[1].AddDays(19) };
            }
        }

        return list;
    }

    private AgreementAddition Addition(int agreementId, string product, decimal quantity, decimal price, decimal cost, BillableOption bill, DateOnly? effective) => new()
    {
        Id = _nextAdditionId++,
        AgreementId = agreementId,
        Product = product,
        Quantity = quantity,
        UnitPrice = new Money(price),
        UnitCost = new Money(cost),
        BillCustomer = bill,
        EffectiveDate = effective,
    };

    private void PublishRuleSets()
    {
        var rates = new SpecialRates { EmergencyWorkTypeIds = [EmergencySupport] };
        var from = new DateOnly(_periodStart.Year - 2, 1, 1);
        Publish(new BillingRuleSet
        {
            AgreementTypeId = ManagedServices,
            Version = Version(1, from, Cfo, "Managed services catalog launch"),
            CoveredWorkTypeIds = [RemoteSupport, OnsiteSupport, EmergencySupport, Consulting],
            ExcludedWorkTypeIds = [ProjectWork, HardwareInstall],
            Overage = new OverageTrigger(100m, OverageAction.Warn),
            Rates = rates,
        });
        var block = new BillingRuleSet
        {
            AgreementTypeId = BlockHours,
            Version = Version(1, from, Cfo, "Block hours catalog launch"),
            ExcludedWorkTypeIds = [ProjectWork],
            Overage = new OverageTrigger(100m, OverageAction.BillAtOverageRate, new Money(150m)),
            Rates = rates,
        };
        Publish(block);
        Publish(block with
        {
            Version = Version(2, _monthStarts[1], Owners[0], "Overage rate raised to 165.00/h after the annual price review"),
            Overage = block.Overage with { OverageRate = new Money(165m) },
        });
        Publish(new BillingRuleSet
        {
            AgreementTypeId = PerDevice,
            Version = Version(1, from, Cfo, "Per-device catalog launch"),
            CoveredWorkTypeIds = [RemoteSupport],
            ExcludedWorkTypeIds = [ProjectWork, HardwareInstall],
            Overage = new OverageTrigger(100m, OverageAction.Warn),
            Rates = rates,
        });
        Publish(new BillingRuleSet
        {
            AgreementTypeId = Retainer,
            Version = Version(1, from, Cfo, "Retainer catalog launch"),
            ExcludedWorkTypeIds = [ProjectWork],
            Overage = new OverageTrigger(90m, OverageAction.Warn),
            Rates = rates,
        });
        Publish(new BillingRuleSet
        {
            AgreementTypeId = TimeAndMaterials,
            Version = Version(1, from, Cfo, "Time and materials catalog launch"),
            CoversTime = false,
            Overage = new OverageTrigger(100m, OverageAction.BillAtOverageRate),
            Rates = rates with { RoleRates = new Dictionary<int, Money> { [NetworkEngineer] = new(180m), [VcioConsultant] = new(225m) } },
        });
    }

    /// <summary>Per-agreement overrides (mirrored into the ConnectWise agreement, as a clean tenant would) and enrolment.</summary>
    private void PublishOverridesAndEnroll()
    {
        for (var a = 0; a < _agreements.Count; a++)
        {
            var agreement = _agreements[a];
            var approvedAt = At(agreement.StartDate.AddDays(-7), 10 * 60);
            if (agreement.AgreementStatus == AgreementStatus.Active && agreement.TypeId == ManagedServices)
            {
                var roll = _random.Next(100);
                if (roll < 12)
                {
                    Publish(new AgreementRuleOverride
                    {
                        AgreementId = agreement.Id,
                        Version = Version(1, agreement.StartDate, Owners[a % Owners.Count], "Remote-only managed services: onsite work is billed", approvedAt),
                        ExcludeWorkTypeIds = [OnsiteSupport],
                    });
                    agreement = agreement with { WorkTypeExclusions = [.. agreement.WorkTypeExclusions, OnsiteSupport] };
                }
                else if (roll < 18 && agreement.StartDate < _monthStarts[1])
                {
                    Publish(new AgreementRuleOverride
                    {
                        AgreementId = agreement.Id,
                        Version = Version(1, agreement.StartDate, Owners[a % Owners.Count], "Standard after-hours premium confirmed", approvedAt),
                        AfterHoursMultiplier = 1.5m,
                    });
                    Publish(new AgreementRuleOverride
                    {
                        AgreementId = agreement.Id,
                        Version = Version(2, _monthStarts[1], Owners[a % Owners.Count], "After-hours premium renegotiated to 1.75x at renewal", At(_monthStarts[1].AddDays(-10), 10 * 60)),
                        AfterHoursMultiplier = 1.75m,
                    });
                }
            }
            else if (agreement.AgreementStatus == AgreementStatus.Active && agreement.TypeId == TimeAndMaterials && Chance(0.3))
            {
                Publish(new AgreementRuleOverride
                {
                    AgreementId = agreement.Id,
                    Version = Version(1, agreement.StartDate, Owners[a % Owners.Count], "Negotiated systems engineer rate", approvedAt),
                    RoleRates = new Dictionary<int, Money> { [SystemsEngineer] = new(140m) },
                });
            }
            else if (agreement.AgreementStatus == AgreementStatus.Active && agreement.TypeId == BlockHours && Chance(0.1))
            {
                Publish(new AgreementRuleOverride
                {
                    AgreementId = agreement.Id,
                    Version = Version(1, agreement.StartDate, Owners[a % Owners.Count], "Premium overage rate agreed with customer", approvedAt),
                    Overage = new OverageTrigger(100m, OverageAction.BillAtOverageRate, new Money(175m)),
                });
            }

            if (agreement.TypeId == TimeAndMaterials)
            {
                agreement = agreement with { WorkRoles = RoleRatesOf(agreement) };
            }

            if (agreement.AgreementStatus == AgreementStatus.Active && agreement.ApplicationUnlimitedFlag && Chance(0.01))
            {
                agreement = agreement with { ApplicationCycle = null };
            }

            _agreements[a] = agreement;
            if (agreement.AgreementStatus != AgreementStatus.Active || !Chance(0.04))
            {
                // Some active agreements never got an owner: the completeness report lists them.
                _catalog.Enroll(AgreementIntake.FromAgreement(agreement, Owners[_random.Next(Owners.Count)]));
            }
        }
    }

    private List<AgreementWorkRoleRate> RoleRatesOf(Agreement agreement)
    {
        var rules = _catalog.Resolve(agreement, _periodStart)!;
        var list = new List<AgreementWorkRoleRate>();
        foreach (var (roleId, rate) in rules.Rates.RoleRates.OrderBy(p => p.Key))
        {
            list.Add(new AgreementWorkRoleRate { Id = (agreement.Id * 10) + roleId, WorkRoleId = roleId, Rate = rate.Amount, RateType = RateType.Custom });
        }

        return list;
    }

    private void Publish(BillingRuleSet ruleSet) => Check(_catalog.Publish(ruleSet));

    private void Publish(AgreementRuleOverride rulesOverride) => Check(_catalog.Publish(rulesOverride));

    private static void Check(IReadOnlyList<ValidationProblem> problems)
    {
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Demo catalog is invalid: " + string.Join("; ", problems));
        }
    }

    private static RuleVersion Version(int number, DateOnly from, string approvedBy, string reason, DateTimeOffset? approvedAt = null) => new()
    {
        Number = number,
        EffectiveFrom = from,
        ApprovedBy = approvedBy,
        ApprovedAt = approvedAt ?? At(from.AddDays(-14), 10 * 60),
        ChangeReason = reason,
    };

    private enum AgreementRole
    {
        Primary,
        Companion,
        LateStart,
        Historical,
    }
}
