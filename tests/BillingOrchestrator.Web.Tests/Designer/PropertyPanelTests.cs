using BillingOrchestrator.Web.Components.Pages.Designer;
using Bunit;
using MudBlazor.Services;

namespace BillingOrchestrator.Web.Tests.Designer;

// MudBlazor registers services that can only be disposed asynchronously, so the bUnit context is disposed that way.
public sealed class PropertyPanelTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();

    public PropertyPanelTests()
    {
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private IRenderedComponent<PropertyPanel> Render(Action<ComponentParameterCollectionBuilder<PropertyPanel>> parameters) => _context.Render(parameters);

    [Fact]
    public void SelectedGate_ShowsItsValidationErrorsAndWhereItLeads()
    {
        var model = DesignerModel.FromJson(Definitions.GateWithoutPositions);
        model.Find("gate")!.SetString("approverRole", null);
        var validation = DesignerValidation.Run(model, Definitions.Parser());

        var panel = Render(p => p
            .Add(x => x.Model, model)
            .Add(x => x.Selected, model.Find("gate"))
            .Add(x => x.Errors, validation.For("gate"))
            .Add(x => x.CanEdit, true));

        panel.Find("#selected-activity").TextContent.ShouldBe("QualityGate · gate");
        panel.FindAll(".node-errors").ShouldHaveSingleItem().TextContent.ShouldContain("approverRole");
        panel.Markup.ShouldContain("Approved → end");
        panel.Markup.ShouldContain("Rejected → review");
    }

    [Fact]
    public void AddRequirement_OnAGate_AddsAnEvidenceEntryAndReportsTheChange()
    {
        var model = DesignerModel.FromJson(Definitions.GateWithoutPositions);
        var changes = 0;
        var panel = Render(p => p
            .Add(x => x.Model, model)
            .Add(x => x.Selected, model.Find("gate"))
            .Add(x => x.CanEdit, true)
            .Add(x => x.OnChanged, () => changes++));

        panel.FindAll("button").Single(b => b.TextContent.Contains("Add requirement", StringComparison.Ordinal)).Click();

        changes.ShouldBe(1);
        model.Find("gate")!.Inputs["evidence"]!.AsArray().Count.ShouldBe(2);
    }

    [Fact]
    public void ReadOnlyPanel_OffersNoEditingButtons()
    {
        var model = DesignerModel.FromJson(Definitions.GateWithoutPositions);

        var panel = Render(p => p
            .Add(x => x.Model, model)
            .Add(x => x.Selected, model.Find("gate"))
            .Add(x => x.CanEdit, false));

        panel.FindAll("button").ShouldNotContain(b => b.TextContent.Contains("Add requirement", StringComparison.Ordinal) || b.TextContent.Contains("Connect", StringComparison.Ordinal));
    }
}
