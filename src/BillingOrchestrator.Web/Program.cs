using BillingOrchestrator.Persistence;
using BillingOrchestrator.Web;
using BillingOrchestrator.Web.Auth;
using BillingOrchestrator.Web.Catalog;
using BillingOrchestrator.Web.Commands;
using BillingOrchestrator.Web.Demo;
using BillingOrchestrator.Web.Endpoints;
using BillingOrchestrator.Web.Evidence;
using BillingOrchestrator.Web.Infrastructure;
using BillingOrchestrator.Web.Psa;
using BillingOrchestrator.Web.Validation;
using BillingOrchestrator.Workflows;

var builder = WebApplication.CreateBuilder(args);
builder.AddProductConfiguration();
builder.Services.AddPersistence(builder.Configuration);
builder.AddAuth();
builder.Services.AddWorkflowEngine(builder.Configuration);
builder.Services.AddWorkflowRuntime();
builder.Services.AddCommands();
builder.Services.AddCatalog();
builder.Services.AddDemoData();
builder.AddEvidenceFeature();
builder.Services.AddPsa(builder.Configuration);
builder.Services.AddValidation(builder.Configuration);
builder.AddWebInfrastructure();

var app = builder.Build();
app.UseWebInfrastructure();
app.UseAuthentication();
app.UseAuthorization();
app.MapAuthEndpoints();
app.MapSignInPage();
app.MapWorkflowDefinitionEndpoints();
app.MapWorkflowInstanceEndpoints();
app.MapTaskEndpoints();
app.MapAuditEndpoints();
app.MapCatalogEndpoints();
app.MapEvidenceEndpoints();
app.MapPsaEndpoints();
app.MapValidationEndpoints();
app.MapApiDocs();
app.Run();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
