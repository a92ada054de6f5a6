using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Psa;

namespace BillingOrchestrator.Billing.Demo;

/// <summary>The fixed reference data of the demo MSP: work types, roles, agreement types, boards and names.</summary>
internal static class DemoReference
{
    public const string Domain = "northwind-msp.example";
    public const string ServiceManager = "service.manager@" + Domain;
    public const string Cfo = "cfo@" + Domain;

    public const int RemoteSupport = 1, OnsiteSupport = 2, EmergencySupport = 3, ProjectWork = 4, HardwareInstall = 5, Consulting = 6, InternalAdmin = 7, Training = 8, PaidTimeOff = 9;
    public const int HelpDesk = 1, SystemsEngineer = 2, NetworkEngineer = 3, SecurityAnalyst = 4, ProjectManager = 5, VcioConsultant = 6;
    public const int ManagedServices = 1, BlockHours = 2, PerDevice = 3, Retainer = 4, TimeAndMaterials = 5;
    public const int AdminChargeCode = 1, PtoChargeCode = 2;

    public static IReadOnlyList<WorkType> WorkTypes { get; } =
    [
        Type(RemoteSupport, "Remote Support", 1m, BillableOption.Billable),
        Type(OnsiteSupport, "Onsite Support", 1m, BillableOption.Billable),
        Type(EmergencySupport, "Emergency Support", 2m, BillableOption.Billable),
        Type(ProjectWork, "Project Work", 1m, BillableOption.Billable),
        Type(HardwareInstall, "Hardware Install", 1m, BillableOption.Billable),
        Type(Consulting, "Consulting", 1m, BillableOption.Billable),
        Type(InternalAdmin, "Internal Admin", 1m, BillableOption.DoNotBill),
        Type(Training, "Training", 1m, BillableOption.DoNotBill),
        Type(PaidTimeOff, "Paid Time Off", 1m, BillableOption.DoNotBill),
    ];

    public static IReadOnlyList<WorkRole> WorkRoles { get; } =
    [
        Role(HelpDesk, "Help Desk Tier 1", 125m),
        Role(SystemsEngineer, "Systems Engineer", 150m),
        Role(NetworkEngineer, "Network Engineer", 165m),
        Role(SecurityAnalyst, "Security Analyst", 175m),
        Role(ProjectManager, "Project Manager", 140m),
        Role(VcioConsultant, "vCIO Consultant", 200m),
    ];

    /// <summary>Hourly cost per role (index = role id - 1).</summary>
    public static IReadOnlyList<decimal> RoleCosts { get; } = [32m, 48m, 55m, 60m, 50m, 85m];

    /// <summary>Share of technicians per role, in tenths of a percent (index = role id - 1).</summary>
    public static IReadOnlyList<int> RoleMix { get; } = [400, 250, 125, 75, 75, 75];

    public static IReadOnlyList<AgreementType> AgreementTypes { get; } =
    [
        new() { Id = ManagedServices, Name = "Managed Services - All You Can Eat" },
        new() { Id = BlockHours, Name = "Block Hours" },
        new() { Id = PerDevice, Name = "Per Device" },
        new() { Id = Retainer, Name = "Retainer" },
        new() { Id = TimeAndMaterials, Name = "Time and Materials" },
    ];

    /// <summary>Primary agreement type mix, in percent (index = type id - 1).</summary>
    public static IReadOnlyList<int> PrimaryTypeMix { get; } = [38, 20, 22, 8, 12];

    public static IReadOnlyList<string> Boards { get; } = ["Help Desk", "Field Services", "Network Operations", "Security", "Projects", "Consulting"];

    public const int HelpDeskBoard = 0, FieldBoard = 1, NetworkBoard = 2, SecurityBoard = 3, ProjectsBoard = 4, ConsultingBoard = 5;

    /// <summary>Kinds of ticket: a board and the work type logged on it.</summary>
    public static IReadOnlyList<(int Board, int WorkType)> Kinds { get; } =
    [
        (HelpDeskBoard, RemoteSupport),
        (HelpDeskBoard, EmergencySupport),
        (FieldBoard, OnsiteSupport),
        (FieldBoard, HardwareInstall),
        (NetworkBoard, RemoteSupport),
        (NetworkBoard, OnsiteSupport),
        (NetworkBoard, EmergencySupport),
        (SecurityBoard, RemoteSupport),
        (SecurityBoard, EmergencySupport),
        (ProjectsBoard, ProjectWork),
        (ConsultingBoard, Consulting),
    ];

    /// <summary>Per role (index = role id - 1): weights over <see cref="Kinds"/>.</summary>
    public static IReadOnlyList<int[]> KindWeights { get; } =
    [
        [90, 2, 6, 2, 0, 0, 0, 0, 0, 0, 0],
        [45, 3, 20, 10, 0, 0, 0, 0, 0, 22, 0],
        [0, 0, 0, 0, 50, 18, 2, 0, 0, 30, 0],
        [0, 0, 0, 0, 0, 0, 0, 75, 3, 22, 0],
        [0, 0, 0, 0, 0, 0, 0, 0, 0, 100, 0],
        [0, 0, 0, 0, 0, 0, 0, 0, 0, 15, 85],
    ];

    /// <summary>Ticket summaries per kind.</summary>
    public static IReadOnlyList<string[]> Summaries { get; } =
    [
        ["Outlook not syncing", "Password reset", "VPN will not connect", "Printer offline", "Teams audio issue"],
        ["Server down", "Email outage", "Ransomware alert"],
        ["Workstation will not boot", "Conference room AV", "Onsite printer repair"],
        ["New laptop setup", "Replace UPS battery", "Install docking stations"],
        ["Firewall rule change", "Wi-Fi dropping", "Switch port errors"],
        ["Rack cabling", "Access point survey"],
        ["Internet circuit down", "Core switch failure"],
        ["Phishing report", "MFA enrolment", "Endpoint alert triage"],
        ["Active breach response", "Account compromise"],
        ["Microsoft 365 migration", "Server refresh project", "Network upgrade project", "Backup modernisation"],
        ["Quarterly business review", "IT roadmap", "Budget planning"],
    ];

    public static IReadOnlyList<string> Notes { get; } =
    [
        "Remote session, issue resolved", "Onsite visit", "Emergency response", "Project task", "Hardware installed",
        "Consulting session", "Internal admin", "Training", "Paid time off",
    ];

    public static IReadOnlyList<string> FirstNames { get; } =
    [
        "Ana", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kira", "Liam", "Maya", "Nikhil",
        "Olga", "Pedro", "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Victor", "Wen", "Ximena", "Yusuf", "Zoe",
    ];

    public static IReadOnlyList<string> LastNames { get; } =
    [
        "Ortiz", "Nakamura", "Schmidt", "Okafor", "Kowalski", "Haddad", "Lindqvist", "Moreau", "Patel", "Rossi", "Silva",
        "Tanaka", "Novak", "Brennan", "Dubois", "Ivanova", "Khan", "Larsen", "Mensah", "Quispe",
    ];

    public static IReadOnlyList<string> CompanyWords { get; } =
    [
        "Acme", "Blue River", "Cedar", "Summit", "Harbor", "Pioneer", "Granite", "Maple", "Northgate", "Oakridge", "Pinnacle",
        "Redwood", "Silverline", "Trident", "Union", "Valley", "Westfield", "Evergreen", "Lakeside", "Ironwood",
    ];

    public static IReadOnlyList<string> CompanyKinds { get; } =
    [
        "Dental", "Law Group", "Manufacturing", "Logistics", "Accounting", "Clinic", "Realty", "Engineering", "Foods",
        "Insurance", "Architects", "Credit Union", "Schools", "Hotels", "Construction",
    ];

    public static IReadOnlyList<string> Owners { get; } =
    [
        "ana.ortiz@" + Domain, "ben.schmidt@" + Domain, "chloe.patel@" + Domain, "dev.okafor@" + Domain, "elena.rossi@" + Domain,
    ];

    private static WorkType Type(int id, string name, decimal multiplier, BillableOption billTime) =>
        new() { Id = id, Name = name, BillTime = billTime, Rate = multiplier, RateType = RateType.Multiplier, CostMultiplier = 1m };

    private static WorkRole Role(int id, string name, decimal rate) => new() { Id = id, Name = name, HourlyRate = new Money(rate) };
}
